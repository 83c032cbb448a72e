package com.livecommerce.session.kpi;

import com.livecommerce.session.session.AdBudget;
import com.livecommerce.session.session.SessionStatus;
import com.livecommerce.session.telemetry.SalesChannel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DOMAIN.md's formulas over a snapshot's exact totals. Money is BigDecimal from integer fen; every ratio is
 * divided once, at the end, and rounded half-up (4 decimals for ratios, 2 for money and averages).
 * <ul>
 * <li>total watch time up to T = sum over viewers of their time present = (enters - leaves) * T - sum(enter
 * times) + sum(leave times) for events up to T (each viewer's telemetry alternates enter and leave in event
 * time; the arrival order does not matter);</li>
 * <li>average concurrent viewers = total watch time / airtime (time-weighted mean), average watch time =
 * total watch time / UV; T is the end once ENDED, else now (or the latest event, if later).</li>
 * </ul>
 */
public final class KpiCalculator {

    static final BigDecimal AIRTIME_SHARE = new BigDecimal("0.20");
    static final BigDecimal AD_SPEND_PLAN = new BigDecimal("0.80");
    static final BigDecimal GMV_PLAN = new BigDecimal("0.50");

    /** What the calculation needs of the session itself. */
    public record SessionFacts(UUID id, SessionStatus status, Instant startedAt, Instant endedAt, int plannedMinutes,
            BigDecimal gmvTarget, AdBudget adBudget) {
    }

    private KpiCalculator() {
    }

    public static SessionKpis compute(SessionFacts s, KpiSnapshot k, BigDecimal baseline, Instant now, BigDecimal bestsellerThreshold) {
        BigDecimal gmv = money(k.gmvFen());
        Map<String, BigDecimal> gmvByChannel = new LinkedHashMap<>();
        Map<String, BigDecimal> spendByChannel = new LinkedHashMap<>();
        Map<String, BigDecimal> roiByChannel = new LinkedHashMap<>();
        long spendFen = 0;
        for (SalesChannel c : SalesChannel.values()) {
            long channelGmv = k.gmvByChannelFen().getOrDefault(c.name(), 0L);
            gmvByChannel.put(c.name(), money(channelGmv));
            if (c != SalesChannel.ORGANIC) {
                long spend = k.spendByChannelFen().getOrDefault(c.name(), 0L);
                spendFen += spend;
                spendByChannel.put(c.name(), money(spend));
                roiByChannel.put(c.name(), ratio(channelGmv, spend));
            }
        }
        Instant end = switch (s.status()) {
            case ENDED -> s.endedAt();
            case LIVE -> now.toEpochMilli() >= k.maxEventMs() ? now : Instant.ofEpochMilli(k.maxEventMs());
            default -> null;
        };
        BigDecimal avgConcurrent = BigDecimal.ZERO.setScale(2);
        BigDecimal avgWatch = BigDecimal.ZERO.setScale(2);
        if (end != null && s.startedAt() != null && k.enters() + k.leaves() > 0) {
            long tRelative = end.toEpochMilli() - k.baseMs();
            long watchMs = (k.enters() - k.leaves()) * tRelative - k.enterSumMs() + k.leaveSumMs();
            long airtimeMs = end.toEpochMilli() - s.startedAt().toEpochMilli();
            if (airtimeMs > 0) {
                avgConcurrent = BigDecimal.valueOf(watchMs).divide(BigDecimal.valueOf(airtimeMs), 2, RoundingMode.HALF_UP);
            }
            if (k.uv() > 0) {
                avgWatch = BigDecimal.valueOf(watchMs).divide(BigDecimal.valueOf(k.uv() * 1000L), 2, RoundingMode.HALF_UP);
            }
        }
        List<SessionKpis.ProductGmv> ranked = new ArrayList<>();
        k.productsFen().forEach((product, fen) -> ranked.add(new SessionKpis.ProductGmv(product, money(fen))));
        ranked.sort(Comparator.comparing(SessionKpis.ProductGmv::gmv).reversed().thenComparing(SessionKpis.ProductGmv::productId));
        Map<String, BigDecimal> products = new LinkedHashMap<>();
        ranked.forEach(p -> products.put(p.productId(), p.gmv()));
        List<SessionKpis.ProductGmv> bestsellers = ranked.stream().filter(p -> p.gmv().compareTo(bestsellerThreshold) >= 0).toList();
        BigDecimal gmvTarget = s.gmvTarget();
        return new SessionKpis(s.id(), s.status(), k.closed(), gmv, k.orders(), k.buyers(), k.uv(), k.peakConcurrent(),
                avgConcurrent, avgWatch, ratio(k.buyers(), k.uv()), k.uv() == 0 ? null : gmv.divide(BigDecimal.valueOf(k.uv()), 2, RoundingMode.HALF_UP),
                gmvByChannel, spendByChannel, roiByChannel, money(spendFen), ratio(k.gmvFen(), spendFen), k.reservations(),
                ratio(k.buyers(), k.reservations()), ratio(k.newBuyers(), k.buyers()), gmvTarget,
                gmvTarget.signum() == 0 ? null : gmv.divide(gmvTarget, 4, RoundingMode.HALF_UP),
                baseline, baseline == null || baseline.signum() == 0 ? null
                        : gmv.divide(baseline, 4, RoundingMode.HALF_UP).subtract(BigDecimal.ONE),
                products, ranked.subList(0, Math.min(3, ranked.size())), bestsellers, bestsellerThreshold,
                pacing(s, k, spendFen, now), k.events(), k.duplicates(), utc(end == null ? now : end),
                k.emittedAtMs() == 0 ? null : utc(Instant.ofEpochMilli(k.emittedAtMs())));
    }

    static SessionKpis.Pacing pacing(SessionFacts s, KpiSnapshot k, long spendFen, Instant now) {
        BigDecimal spendInWindow = money(k.windowSpendFen());
        BigDecimal gmvInWindow = money(k.windowGmvFen());
        if (s.startedAt() == null) {
            return new SessionKpis.Pacing(null, null, AIRTIME_SHARE, AD_SPEND_PLAN, GMV_PLAN, spendInWindow, gmvInWindow, null, null,
                    null, null, null, "NOT_STARTED");
        }
        Instant windowEnd = s.startedAt().plusMillis(s.plannedMinutes() * 60_000L / 5);
        BigDecimal spendShare = ratio(k.windowSpendFen(), spendFen);
        BigDecimal budgetShare = s.adBudget().total().signum() == 0 ? null
                : spendInWindow.divide(s.adBudget().total(), 4, RoundingMode.HALF_UP);
        BigDecimal gmvShare = ratio(k.windowGmvFen(), k.gmvFen());
        Instant reference = s.status() == SessionStatus.ENDED ? s.endedAt() : now;
        return new SessionKpis.Pacing(utc(s.startedAt()), utc(windowEnd), AIRTIME_SHARE, AD_SPEND_PLAN, GMV_PLAN, spendInWindow,
                gmvInWindow, spendShare, budgetShare, gmvShare, spendShare == null ? null : spendShare.compareTo(AD_SPEND_PLAN) >= 0,
                gmvShare == null ? null : gmvShare.compareTo(GMV_PLAN) >= 0,
                reference.isBefore(windowEnd) ? "FIRST_20_PERCENT" : "AFTER_FIRST_20_PERCENT");
    }

    static BigDecimal money(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** a / b with 4 decimals, null when b is 0. */
    static BigDecimal ratio(long a, long b) {
        return b == 0 ? null : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_UP);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
