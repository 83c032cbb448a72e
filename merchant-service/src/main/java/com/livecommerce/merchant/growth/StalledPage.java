package com.livecommerce.merchant.growth;

import com.livecommerce.merchant.merchant.MerchantKind;
import com.livecommerce.merchant.merchant.MerchantStage;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Answer of {@code GET /merchants/stalled}: the list envelope of stalled merchants (worst growth
 * first) plus {@code activeMerchants} and {@code stalledShare} = total / activeMerchants.
 */
public record StalledPage(List<Item> items, int page, int size, long total, long activeMerchants,
        BigDecimal stalledShare, String earlier, String later) {

    public record Item(UUID merchantId, String name, MerchantKind kind, String category, String region,
            MerchantStage stage, BigDecimal earlierGmv, BigDecimal laterGmv, BigDecimal growthRate) {
    }
}
