package com.livecommerce.matching.recommendation;

import com.livecommerce.matching.readmodel.ProviderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Providers ranked for a merchant, each with the components of its score. */
@Schema(name = "Recommendations", requiredProperties = {"merchantId", "items", "total", "limit", "weights"})
public record Recommendation(UUID merchantId,
        @Schema(description = "best first; equal scores in a draw seeded by the merchant (never by provider id)") List<Item> items,
        @Schema(description = "eligible providers (admitted, in good standing, capacity left, no open engagement with the merchant)") int total,
        int limit,
        @Schema(description = "the configured weight of each component: score = sum of weight x component")
        Map<String, BigDecimal> weights) {

    @Schema(name = "RecommendedProvider", requiredProperties = {"providerId", "name", "type", "score", "remainingCapacity", "components"})
    public record Item(UUID providerId, String name, ProviderType type,
            @Schema(description = "weighted sum of the components (6 decimals)", example = "0.812500") BigDecimal score,
            int remainingCapacity, Components components) {
    }

    /** Each 0..1, 4 decimals. */
    @Schema(name = "ScoreComponents", requiredProperties = {"categoryFit", "typeFit", "regionFit", "needCoverage", "trackRecord",
            "capacityHeadroom", "tier"})
    public record Components(BigDecimal categoryFit, BigDecimal typeFit, BigDecimal regionFit, BigDecimal needCoverage,
            BigDecimal trackRecord, BigDecimal capacityHeadroom, BigDecimal tier) {
    }
}
