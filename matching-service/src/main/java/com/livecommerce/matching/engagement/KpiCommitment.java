package com.livecommerce.matching.engagement;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the provider commits to: the merchant's GMV over the engagement (from activation to completion, UTC days)
 * at least {@code gmvTarget}. Judged at completion from the merchant's ledger, not from either party's word.
 */
@Schema(name = "KpiCommitment", requiredProperties = "gmvTarget")
public record KpiCommitment(
        @Schema(description = "CNY, at most 2 decimals", example = "3000000.00")
        @NotNull @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal gmvTarget) {
}
