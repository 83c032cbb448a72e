package com.livecommerce.matching.engagement;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of an imported engagement as its source system recorded it. Never credited as such: the suite measures
 * the outcome from the merchant's ledger (its own figures, the same rule as a live completion) and refuses an import
 * whose reported figures disagree, so a provider is never credited on one party's word and an import sent before the
 * ledger of the served days arrived is refused rather than credited short.
 */
@Schema(name = "ReportedOutcome")
public record ReportedOutcome(
        @Schema(nullable = true, description = "CNY, at most 2 decimals: GMV of as many days just before servedFrom")
        @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal gmvBefore,
        @Schema(nullable = true, description = "CNY, at most 2 decimals: GMV from servedFrom to servedTo")
        @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal gmvDuring,
        @Schema(nullable = true, description = "whether the merchant leapt (the suite's leap rule, matching.leap.*)") Boolean leap) {
}
