package com.livecommerce.merchant.ledger;

import com.livecommerce.merchant.merchant.MerchantStage;
import java.util.UUID;

/** Answer of {@code POST /merchants/{id}/gmv}: how many entries were new, how many were already recorded. */
public record LedgerResult(UUID merchantId, int recorded, int duplicates, MerchantStage stage) {
}
