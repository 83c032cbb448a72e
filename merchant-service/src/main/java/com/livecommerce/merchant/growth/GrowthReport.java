package com.livecommerce.merchant.growth;

import java.math.BigDecimal;
import java.util.UUID;

/** Answer of {@code GET /merchants/{id}/growth}. */
public record GrowthReport(UUID merchantId, String earlier, String later, BigDecimal earlierGmv, BigDecimal laterGmv,
        BigDecimal growthRate, boolean active, boolean stalled) {
}
