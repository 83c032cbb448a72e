package com.livecommerce.session.kpi;

import java.util.Map;

/**
 * What the aggregation publishes for a session (topic {@code session-kpi-snapshots}, compacted) and every
 * instance reads back from its global store: the exact running totals (money in fen, times in epoch ms),
 * the peak concurrency and the GMV per product. KPIs are computed from it at read time
 * ({@link KpiCalculator}). Internal to session-service.
 */
public record KpiSnapshot(String sessionId, long events, long duplicates, long uv, long buyers, long newBuyers,
        long reservations, long orders, long gmvFen, Map<String, Long> gmvByChannelFen, Map<String, Long> spendByChannelFen,
        long enters, long leaves, long enterSumMs, long leaveSumMs, long baseMs, long plannedMinutes, long maxEventMs,
        long peakConcurrent, long windowGmvFen, long windowSpendFen, Map<String, Long> productsFen, boolean closed,
        long emittedAtMs) {

    public static KpiSnapshot empty(String sessionId) {
        return new KpiSnapshot(sessionId, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(),
                false, 0);
    }
}
