package com.livecommerce.session.kpi;

import com.livecommerce.session.session.SessionStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The KPIs of a session (DOMAIN.md formulas): money in CNY with 2 decimals, ratios as decimals with 4
 * (0.0331, not 3.31), averages with 2. A ratio whose denominator is zero is null.
 */
@Schema(name = "SessionKpis", requiredProperties = {"sessionId", "status", "closed", "gmv", "orders", "buyers", "uv",
        "peakConcurrentViewers", "avgConcurrentViewers", "avgWatchSeconds", "gmvByChannel", "spendByChannel", "roiByChannel",
        "adSpend", "reservations", "products", "topProducts", "bestsellers", "bestsellerThreshold", "pacing", "eventsCounted",
        "duplicatesIgnored", "asOf"})
public record SessionKpis(
        UUID sessionId,
        SessionStatus status,
        @Schema(description = "true once the allowed lateness is over and these are the session's final KPIs (those of SessionEnded)")
        boolean closed,
        @Schema(description = "paid minus refunded, CNY") BigDecimal gmv,
        @Schema(description = "distinct paid orders") long orders,
        @Schema(description = "distinct buyers") long buyers,
        @Schema(description = "distinct viewers") long uv,
        @Schema(description = "largest number of viewers present at the end of any second") long peakConcurrentViewers,
        @Schema(description = "time-weighted mean of the viewers present over the airtime so far") BigDecimal avgConcurrentViewers,
        @Schema(description = "total watch seconds / uv") BigDecimal avgWatchSeconds,
        @Schema(nullable = true, description = "buyers / uv") BigDecimal payConversionRate,
        @Schema(nullable = true, description = "gmv / uv, CNY") BigDecimal uvValue,
        @Schema(description = "GMV attributed to each traffic source (PAID_PROMOTION, FAN_BOOST, ORGANIC)") Map<String, BigDecimal> gmvByChannel,
        @Schema(description = "ad spend per channel (PAID_PROMOTION, FAN_BOOST)") Map<String, BigDecimal> spendByChannel,
        @Schema(description = "GMV attributed to a channel / spend on it; null while nothing was spent") Map<String, BigDecimal> roiByChannel,
        BigDecimal adSpend,
        @Schema(nullable = true, description = "gmv / adSpend") BigDecimal roiOverall,
        @Schema(description = "distinct reserving viewers") long reservations,
        @Schema(nullable = true, description = "buyers / reservations") BigDecimal reservationToBuyerRatio,
        @Schema(nullable = true, description = "buyers who never bought from the merchant before / buyers") BigDecimal newBuyerShare,
        BigDecimal gmvTarget,
        @Schema(nullable = true, description = "gmv / gmvTarget") BigDecimal gmvTargetAttainment,
        @Schema(nullable = true, description = "the average GMV of the merchant's earlier ended sessions") BigDecimal baselineGmv,
        @Schema(nullable = true, description = "gmv / baselineGmv - 1") BigDecimal gmvLiftVsBaseline,
        @Schema(description = "GMV per product, largest first") Map<String, BigDecimal> products,
        @Schema(description = "the 3 products with the largest GMV") List<ProductGmv> topProducts,
        @Schema(description = "products with GMV >= bestsellerThreshold (爆款)") List<ProductGmv> bestsellers,
        BigDecimal bestsellerThreshold,
        Pacing pacing,
        @Schema(description = "distinct telemetry events counted") long eventsCounted,
        @Schema(description = "telemetry events ignored as duplicates (an eventId or a paid order seen before)") long duplicatesIgnored,
        @Schema(description = "the time these KPIs describe: now while LIVE, the end once ENDED") OffsetDateTime asOf,
        @Schema(nullable = true, description = "when the aggregation published the totals behind them") OffsetDateTime snapshotAt) {

    @Schema(name = "ProductGmv", requiredProperties = {"productId", "gmv"})
    public record ProductGmv(String productId, BigDecimal gmv) {
    }

    /**
     * The three-phase method (三段式): in the first 20% of the planned airtime, spend 80% of the ad money and sell 50%
     * of the GMV. Shares are of the session's totals so far.
     */
    @Schema(name = "Pacing", requiredProperties = {"airtimeShare", "adSpendPlan", "gmvPlan", "adSpendInWindow", "gmvInWindow", "phase"})
    public record Pacing(
            @Schema(nullable = true) OffsetDateTime windowStart,
            @Schema(nullable = true, description = "start + 20% of plannedMinutes") OffsetDateTime windowEnd,
            BigDecimal airtimeShare,
            BigDecimal adSpendPlan,
            BigDecimal gmvPlan,
            BigDecimal adSpendInWindow,
            BigDecimal gmvInWindow,
            @Schema(nullable = true, description = "adSpendInWindow / adSpend") BigDecimal adSpendShare,
            @Schema(nullable = true, description = "adSpendInWindow / the session's ad budget") BigDecimal adBudgetShare,
            @Schema(nullable = true, description = "gmvInWindow / gmv") BigDecimal gmvShare,
            @Schema(nullable = true, description = "adSpendShare >= adSpendPlan") Boolean adSpendOnPlan,
            @Schema(nullable = true, description = "gmvShare >= gmvPlan") Boolean gmvOnPlan,
            @Schema(enumeration = {"NOT_STARTED", "FIRST_20_PERCENT", "AFTER_FIRST_20_PERCENT"}) String phase) {
    }
}
