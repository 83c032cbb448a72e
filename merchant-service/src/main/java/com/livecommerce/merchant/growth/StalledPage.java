package com.livecommerce.merchant.growth;

import com.livecommerce.merchant.merchant.MerchantKind;
import com.livecommerce.merchant.merchant.MerchantStage;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answer of {@code GET /merchants/stalled}: the list envelope of stalled merchants (worst growth
 * first) plus {@code activeMerchants} and {@code stalledShare} = total / activeMerchants.
 */
@Schema(requiredProperties = {"items", "page", "size", "total", "activeMerchants", "stalledShare", "earlier", "later"})
public record StalledPage(List<Item> items, int page, int size, long total, long activeMerchants,
        @Schema(description = "stalled / active merchants, 4 decimals (0.2885 = 28.85%)", example = "0.2885") BigDecimal stalledShare,
        String earlier, String later) {

    @Schema(name = "StalledMerchant", requiredProperties = {"merchantId", "name", "kind", "category", "region", "stage",
            "earlierGmv", "laterGmv", "growthRate"})
    public record Item(UUID merchantId, String name, MerchantKind kind, String category, String region,
            MerchantStage stage, BigDecimal earlierGmv, BigDecimal laterGmv, BigDecimal growthRate) {
    }
}
