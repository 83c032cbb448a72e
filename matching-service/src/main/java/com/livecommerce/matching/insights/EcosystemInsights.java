package com.livecommerce.matching.insights;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the provider ecosystem did between two periods (the source's figures: 18% served, 28.85% stalled, 1.5x). */
@Schema(name = "EcosystemInsights", requiredProperties = {"earlier", "later", "activeMerchants", "servedMerchants", "servedShare",
        "stalledMerchants", "stalledShare", "served", "unserved", "leapsByProviderType"})
public record EcosystemInsights(String earlier, String later,
        @Schema(description = "merchants with GMV in either period") long activeMerchants,
        @Schema(description = "active merchants with an engagement ACTIVE at some time in the later period") long servedMerchants,
        @Schema(description = "served / active (4 decimals); null without active merchants", nullable = true) BigDecimal servedShare,
        @Schema(description = "active merchants whose later GMV <= earlier GMV") long stalledMerchants,
        @Schema(description = "stalled / active (4 decimals; the 28.85% figure is 0.2885); null without active merchants", nullable = true)
        BigDecimal stalledShare,
        Group served, Group unserved,
        @Schema(nullable = true, description = "served growthRate / unserved growthRate (6 decimals): how many times as fast served"
                + " merchants grew (the source reports 1.5); null unless unserved merchants grew") BigDecimal growthRatio,
        @Schema(description = "leaps (completed engagements whose leap rule held) completed in the later period, per provider type")
        Map<String, Long> leapsByProviderType) {

    @Schema(name = "MerchantGroupGrowth", requiredProperties = {"merchants", "earlierGmv", "laterGmv"})
    public record Group(long merchants, BigDecimal earlierGmv, BigDecimal laterGmv,
            @Schema(nullable = true, description = "laterGmv / earlierGmv - 1 (6 decimals); null when earlierGmv is 0") BigDecimal growthRate) {
    }
}
