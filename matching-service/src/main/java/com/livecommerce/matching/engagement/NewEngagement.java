package com.livecommerce.matching.engagement;

import com.livecommerce.matching.readmodel.Need;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /engagements}: the proposed contract. */
@Schema(name = "NewEngagement", requiredProperties = {"merchantId", "providerId", "needs", "commissionBps"}, example = """
        {"merchantId": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10", "providerId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
         "needs": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "term": 6, "kpiCommitment": {"gmvTarget": 3000000.00},
         "commissionBps": 800}""")
public record NewEngagement(
        @NotNull UUID merchantId,
        @NotNull UUID providerId,
        @Schema(description = "The scope: what the provider will do") @NotEmpty Set<@NotNull Need> needs,
        @Schema(description = "Months; at least matching.engagement.min-term-months (3 by default); default: that minimum",
                nullable = true, minimum = "1", maximum = "120") @Min(1) @Max(120) Integer term,
        @Schema(nullable = true) @Valid KpiCommitment kpiCommitment,
        @Schema(description = "The provider's commission in basis points of the merchant's GMV", minimum = "0", maximum = "10000")
        @NotNull @Min(0) @Max(10000) Integer commissionBps) {
}
