package com.livecommerce.merchant.ledger;

import com.livecommerce.merchant.merchant.MerchantStage;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /merchants/{id}/gmv}: how many entries were new, how many were already recorded. */
@Schema(requiredProperties = {"merchantId", "recorded", "duplicates", "stage"})
public record LedgerResult(UUID merchantId, int recorded, int duplicates, MerchantStage stage) {
}
