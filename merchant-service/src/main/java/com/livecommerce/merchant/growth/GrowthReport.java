package com.livecommerce.merchant.growth;

import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /merchants/{id}/growth}. */
@Schema(requiredProperties = {"merchantId", "earlier", "later", "earlierGmv", "laterGmv", "active", "stalled"}, example = """
        {"merchantId": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10", "earlier": "2021H1", "later": "2021H2",
         "earlierGmv": 2300000.00, "laterGmv": 20000000.00, "growthRate": 7.695652, "active": true, "stalled": false}""")
public record GrowthReport(UUID merchantId, String earlier, String later, BigDecimal earlierGmv, BigDecimal laterGmv,
        @Schema(nullable = true, description = "later / earlier - 1 (6 decimals); null when earlier is 0") BigDecimal growthRate,
        boolean active, boolean stalled) {
}
