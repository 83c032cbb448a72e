package com.livecommerce.provider.leaderboard;

import com.livecommerce.provider.provider.ProviderType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Horse racing (强赛马): ranks the admitted providers of each cohort (type, category) for a period
 * by a composite score of their merchants' results, never of the provider's own revenue:
 * <ul>
 * <li>{@code gmvGrowth}: GMV of the served merchants during the engagements completed in the period
 * against before them, {@code sum(during) / sum(before) - 1} (1 when there was nothing before but
 * sales during; 0 with no completed engagement);</li>
 * <li>{@code leaps}: merchants whose leap (跃迁) was credited in the period;</li>
 * <li>{@code retention}: share of the merchants served in the period that the provider had served
 * before (they came back);</li>
 * <li>{@code rating}: merchants' mean rating (1-5) of the engagements completed in the period, 0 without one.</li>
 * </ul>
 * Each component is scaled to 0..1 within the cohort (min-max; 0 for everybody when all are equal),
 * weighted (default 0.40 / 0.25 / 0.15 / 0.20) and summed: {@code score} in 0..1, 6 decimals. Ties
 * rank by provider id, so the same input always gives the same board. The bottom
 * {@code floor(size * probationShare)} of each cohort are on probation.
 */
public final class LeaderboardCalculator {

    /** What the calculator needs of one admitted provider for one period. */
    public record ProviderResults(UUID providerId, ProviderType type, List<String> categories, BigDecimal gmvBefore,
            BigDecimal gmvDuring, int leaps, int merchantsServed, int merchantsReturning, BigDecimal meanRating) {
    }

    public record Weights(BigDecimal gmvGrowth, BigDecimal leaps, BigDecimal retention, BigDecimal rating) {
        public static final Weights DEFAULT = new Weights(new BigDecimal("0.40"), new BigDecimal("0.25"),
                new BigDecimal("0.15"), new BigDecimal("0.20"));
    }

    /** The raw components, their 0..1 scaled values and their weighted points (which add up to the score). */
    public record Components(BigDecimal gmvGrowth, int leaps, BigDecimal retention, BigDecimal rating,
            Map<String, BigDecimal> scaled, Map<String, BigDecimal> points) {
    }

    public record Entry(ProviderType type, String category, UUID providerId, int rank, BigDecimal score,
            Components components, boolean probation) {
    }

    private static final int SCALE = 6;

    private LeaderboardCalculator() {
    }

    /** A provider's raw components for the period, computed once whatever the number of its cohorts. */
    private record Raw(ProviderResults p, BigDecimal growth, BigDecimal leaps, BigDecimal retention, BigDecimal rating) {

        static Raw of(ProviderResults p) {
            BigDecimal retention = p.merchantsServed() == 0 ? BigDecimal.ZERO.setScale(SCALE)
                    : BigDecimal.valueOf(p.merchantsReturning()).divide(BigDecimal.valueOf(p.merchantsServed()), SCALE, RoundingMode.HALF_EVEN);
            BigDecimal rating = p.meanRating() == null ? BigDecimal.ZERO.setScale(SCALE) : p.meanRating().setScale(SCALE, RoundingMode.HALF_EVEN);
            return new Raw(p, LeaderboardCalculator.growth(p.gmvBefore(), p.gmvDuring()), BigDecimal.valueOf(p.leaps()), retention, rating);
        }
    }

    public static List<Entry> compute(List<ProviderResults> providers, Weights weights, BigDecimal probationShare) {
        Map<String, List<Raw>> cohorts = new HashMap<>();
        for (ProviderResults p : providers) {
            Raw raw = Raw.of(p);
            for (String category : p.categories()) {
                cohorts.computeIfAbsent(p.type().name() + "|" + category, k -> new ArrayList<>()).add(raw);
            }
        }
        List<String> keys = new ArrayList<>(cohorts.keySet());
        keys.sort(Comparator.naturalOrder());
        List<Entry> entries = new ArrayList<>(providers.size() * 2);
        for (String key : keys) {
            String category = key.substring(key.indexOf('|') + 1);
            entries.addAll(cohort(cohorts.get(key), category, weights, probationShare));
        }
        return entries;
    }

    private static List<Entry> cohort(List<Raw> members, String category, Weights weights, BigDecimal probationShare) {
        int n = members.size();
        BigDecimal[] gS = scale(members.stream().map(Raw::growth).toArray(BigDecimal[]::new));
        BigDecimal[] lS = scale(members.stream().map(Raw::leaps).toArray(BigDecimal[]::new));
        BigDecimal[] rS = scale(members.stream().map(Raw::retention).toArray(BigDecimal[]::new));
        BigDecimal[] raS = scale(members.stream().map(Raw::rating).toArray(BigDecimal[]::new));
        record Scored(ProviderResults p, BigDecimal score, Components components) {
        }
        List<Scored> scored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Raw raw = members.get(i);
            BigDecimal gp = weights.gmvGrowth().multiply(gS[i]);
            BigDecimal lp = weights.leaps().multiply(lS[i]);
            BigDecimal rp = weights.retention().multiply(rS[i]);
            BigDecimal rap = weights.rating().multiply(raS[i]);
            BigDecimal score = gp.add(lp).add(rp).add(rap).setScale(SCALE, RoundingMode.HALF_EVEN);
            Components c = new Components(raw.growth(), raw.p().leaps(), raw.retention(), raw.rating(),
                    ordered(gS[i], lS[i], rS[i], raS[i]), ordered(round(gp), round(lp), round(rp), round(rap)));
            scored.add(new Scored(raw.p(), score, c));
        }
        scored.sort(Comparator.comparing(Scored::score).reversed().thenComparing(s -> s.p().providerId()));
        int onProbation = BigDecimal.valueOf(n).multiply(probationShare).setScale(0, RoundingMode.FLOOR).intValue();
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Scored s = scored.get(i);
            entries.add(new Entry(s.p().type(), category, s.p().providerId(), i + 1, s.score(), s.components(), i >= n - onProbation));
        }
        return entries;
    }

    static BigDecimal growth(BigDecimal before, BigDecimal during) {
        if (before.signum() == 0) {
            return during.signum() > 0 ? BigDecimal.ONE.setScale(SCALE) : BigDecimal.ZERO.setScale(SCALE);
        }
        return during.divide(before, SCALE + 2, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** Min-max scaling to 0..1 (6 decimals); all zero when every value is the same. */
    static BigDecimal[] scale(BigDecimal[] values) {
        BigDecimal min = null;
        BigDecimal max = null;
        for (BigDecimal v : values) {
            min = min == null || v.compareTo(min) < 0 ? v : min;
            max = max == null || v.compareTo(max) > 0 ? v : max;
        }
        BigDecimal[] out = new BigDecimal[values.length];
        BigDecimal range = max == null ? BigDecimal.ZERO : max.subtract(min);
        for (int i = 0; i < values.length; i++) {
            out[i] = range.signum() == 0 ? BigDecimal.ZERO.setScale(SCALE)
                    : values[i].subtract(min).divide(range, SCALE, RoundingMode.HALF_EVEN);
        }
        return out;
    }

    private static BigDecimal round(BigDecimal v) {
        return v.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static Map<String, BigDecimal> ordered(BigDecimal growth, BigDecimal leaps, BigDecimal retention, BigDecimal rating) {
        Map<String, BigDecimal> m = new java.util.LinkedHashMap<>();
        m.put("gmvGrowth", growth);
        m.put("leaps", leaps);
        m.put("retention", retention);
        m.put("rating", rating);
        return m;
    }
}
