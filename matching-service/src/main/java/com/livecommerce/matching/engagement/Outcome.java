package com.livecommerce.matching.engagement;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the engagement did for the merchant, measured at completion from the merchant's GMV ledger (its
 * MerchantGmvRecorded events): GMV during the engagement (activation day to completion day, UTC) against the
 * same number of days just before it; whether the KPI commitment was met; and whether the merchant leapt.
 */
@Schema(name = "Outcome", requiredProperties = {"gmvBefore", "gmvDuring", "leap", "duringFrom", "duringTo", "beforeFrom",
        "beforeTo", "leapPriorGmv", "leapTrailingGmv", "bandBefore", "bandAfter"})
public record Outcome(
        BigDecimal gmvBefore,
        BigDecimal gmvDuring,
        @Schema(nullable = true, description = "gmvDuring / gmvBefore - 1 (4 decimals); null when gmvBefore is 0") BigDecimal uplift,
        @Schema(nullable = true, description = "gmvDuring >= kpiCommitment.gmvTarget; null without a commitment") Boolean kpiCommitmentMet,
        @Schema(description = "the leap rule held (matching.leap.*)") boolean leap,
        LocalDate duringFrom, LocalDate duringTo, LocalDate beforeFrom, LocalDate beforeTo,
        @Schema(description = "GMV of the leap window (90 days by default) before activation") BigDecimal leapPriorGmv,
        @Schema(description = "GMV of the leap window ending on the completion day") BigDecimal leapTrailingGmv,
        @Schema(description = "GMV band before the engagement (0: below 1M, 1: 1M-10M, 2: 10M-100M, 3: 100M-1B, 4: 1B and above)") int bandBefore,
        @Schema(description = "GMV band at completion") int bandAfter) {
}
