package com.livecommerce.provider.leaderboard;

import com.livecommerce.provider.provider.ProviderType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Horse racing (强赛马): ranks the admitted providers of each cohort (type, category) for a period by
 * a composite score of their merchants' results, never of the provider's own revenue. Pure: the
 * same input gives the same board, whatever its order and whatever the providers' ids.
 *
 * <h2>Components</h2>
 * Each component has a raw value, a scaled value in 0..1 and weighted points ({@code weight * scaled});
 * the score is the sum of the points (6 decimals). Scaling never depends on the best or worst provider of
 * the cohort (no min-max), so one outlier cannot flatten everybody else:
 * <ul>
 * <li>{@code gmvGrowth}: GMV of the served merchants during vs before the engagements completed in the
 * period, on a log scale: {@code raw = log2((during + s) / (before + s))} clamped to {@code [-cap, +cap]}
 * ({@code s} = {@code provider.leaderboard.growth-smoothing}, default 10,000 CNY, so "nothing before,
 * sales during" is a large but finite growth; {@code cap} = {@code provider.leaderboard.growth-cap},
 * default 3, i.e. 1/8x .. 8x); {@code scaled = (raw + cap) / (2 * cap)} on that fixed range. Without a
 * completed engagement in the period, raw is null and scaled 0. The logarithm is irrational: it is
 * computed in double and rounded to 6 decimals as a BigDecimal (money itself stays exact BigDecimal).</li>
 * <li>{@code leaps}: merchants whose leap (跃迁) was credited in the period; {@code scaled} = share of the
 * other cohort members with strictly fewer leaps ({@code count / (n - 1)}, 0 when alone): rank based,
 * equal counts get equal values.</li>
 * <li>{@code retention}: share of the period's merchants that the provider had served before (they came
 * back), already 0..1: {@code scaled = raw}.</li>
 * <li>{@code rating}: merchants' mean rating (1-5) of the engagements completed in the period, on its
 * fixed range: {@code scaled = (mean - 1) / 4}; raw null and scaled 0 without a rating.</li>
 * </ul>
 * Weights: 0.40 / 0.25 / 0.15 / 0.20 by default (configuration).
 *
 * <h2>Ranks</h2>
 * Equal scores share a rank (standard competition ranking: 1, 2, 2, 4). The id never breaks a tie for
 * the rank; it only orders equal ranks in the listing, so that paging is stable.
 *
 * <h2>Probation</h2>
 * The quota of a cohort of {@code n} is {@code floor(n * probationShare)} (a maximum). A provider is on
 * probation iff its score is strictly below the cohort's best score and every provider whose score is at
 * most its score fits within the quota. When the cut-off would split a group of equal scores, the whole
 * group is spared: nobody lands on probation because of its id. A cohort whose providers all score
 * the same puts nobody on probation.
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

    /** Growth on a log scale: smoothing {@code s} (CNY) added to both sides, clamped to +-{@code cap} (log2). */
    public record Growth(BigDecimal smoothing, BigDecimal cap) {
        public static final Growth DEFAULT = new Growth(new BigDecimal("10000"), new BigDecimal("3"));

        public Growth {
            if (smoothing.signum() < 0 || cap.signum() <= 0) {
                throw new IllegalArgumentException("growth smoothing must be >= 0 and cap > 0, got " + smoothing + " and " + cap);
            }
        }
    }

    /**
     * The raw components (gmvGrowth: log2 of the growth factor, null without a completed engagement;
     * rating: null without a rating), their 0..1 scaled values and their weighted points (which add up to the score).
     */
    public record Components(BigDecimal gmvGrowth, int leaps, BigDecimal retention, BigDecimal rating,
            Map<String, BigDecimal> scaled, Map<String, BigDecimal> points) {
    }

    public record Entry(ProviderType type, String category, UUID providerId, int rank, BigDecimal score,
            Components components, boolean probation) {
    }

    private static final int SCALE = 6;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final double LN2 = Math.log(2);

    private LeaderboardCalculator() {
    }

    /** A provider's components that do not depend on its cohort, computed once whatever the number of its cohorts. */
    private record Raw(ProviderResults p, BigDecimal growth, BigDecimal growthScaled, BigDecimal retention,
            BigDecimal rating, BigDecimal ratingScaled) {

        static Raw of(ProviderResults p, Growth g) {
            BigDecimal growth = p.merchantsServed() == 0 ? null : LeaderboardCalculator.growth(p.gmvBefore(), p.gmvDuring(), g);
            BigDecimal retention = p.merchantsServed() == 0 ? ZERO
                    : BigDecimal.valueOf(p.merchantsReturning()).divide(BigDecimal.valueOf(p.merchantsServed()), SCALE, RoundingMode.HALF_EVEN);
            BigDecimal rating = p.meanRating() == null ? null : p.meanRating().setScale(SCALE, RoundingMode.HALF_EVEN);
            return new Raw(p, growth, LeaderboardCalculator.growthScaled(growth, g), retention, rating,
                    LeaderboardCalculator.ratingScaled(rating));
        }
    }

    public static List<Entry> compute(List<ProviderResults> providers, Weights weights, BigDecimal probationShare) {
        return compute(providers, weights, Growth.DEFAULT, probationShare);
    }

    public static List<Entry> compute(List<ProviderResults> providers, Weights weights, Growth growth, BigDecimal probationShare) {
        Map<String, List<Raw>> cohorts = new HashMap<>();
        for (ProviderResults p : providers) {
            Raw raw = Raw.of(p, growth);
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
        int[] sortedLeaps = members.stream().mapToInt(r -> r.p().leaps()).sorted().toArray();
        record Scored(ProviderResults p, BigDecimal score, Components components) {
        }
        List<Scored> scored = new ArrayList<>(n);
        for (Raw raw : members) {
            BigDecimal leapsScaled = leapsScaled(raw.p().leaps(), sortedLeaps);
            BigDecimal gp = points(weights.gmvGrowth(), raw.growthScaled());
            BigDecimal lp = points(weights.leaps(), leapsScaled);
            BigDecimal rp = points(weights.retention(), raw.retention());
            BigDecimal rap = points(weights.rating(), raw.ratingScaled());
            BigDecimal score = gp.add(lp).add(rp).add(rap);
            Components c = new Components(raw.growth(), raw.p().leaps(), raw.retention(), raw.rating(),
                    ordered(raw.growthScaled(), leapsScaled, raw.retention(), raw.ratingScaled()), ordered(gp, lp, rp, rap));
            scored.add(new Scored(raw.p(), score, c));
        }
        // listing order: score, then id only to keep paging stable among equal ranks
        scored.sort(Comparator.comparing(Scored::score).reversed().thenComparing(s -> s.p().providerId()));
        boolean[] probation = probation(scored.stream().map(Scored::score).toList(), probationShare);
        List<Entry> entries = new ArrayList<>(n);
        int rank = 0;
        for (int i = 0; i < n; i++) {
            Scored s = scored.get(i);
            if (i == 0 || s.score().compareTo(scored.get(i - 1).score()) != 0) {
                rank = i + 1;
            }
            entries.add(new Entry(s.p().type(), category, s.p().providerId(), rank, s.score(), s.components(), probation[i]));
        }
        return entries;
    }

    /**
     * Who is on probation, for scores sorted from best to worst: from the bottom, whole groups of equal
     * scores while all of them fit in {@code floor(n * share)}, never the best score.
     */
    static boolean[] probation(List<BigDecimal> descending, BigDecimal share) {
        int n = descending.size();
        boolean[] on = new boolean[n];
        int quota = BigDecimal.valueOf(n).multiply(share).setScale(0, RoundingMode.FLOOR).intValue();
        if (n == 0) {
            return on;
        }
        BigDecimal best = descending.get(0);
        int end = n; // entries [end, n) are on probation
        while (end > 0) {
            BigDecimal score = descending.get(end - 1);
            int start = end - 1;
            while (start > 0 && descending.get(start - 1).compareTo(score) == 0) {
                start--;
            }
            if (score.compareTo(best) >= 0 || n - start > quota) {
                break;
            }
            end = start;
        }
        for (int i = end; i < n; i++) {
            on[i] = true;
        }
        return on;
    }

    /** {@code log2((during + s) / (before + s))}, 6 decimals, clamped to +-cap. */
    static BigDecimal growth(BigDecimal before, BigDecimal during, Growth g) {
        BigDecimal cap = g.cap().setScale(SCALE, RoundingMode.HALF_EVEN);
        BigDecimal numerator = during.add(g.smoothing());
        BigDecimal denominator = before.add(g.smoothing());
        if (denominator.signum() == 0) {
            return numerator.signum() == 0 ? ZERO : cap;
        }
        if (numerator.signum() == 0) {
            return cap.negate();
        }
        double ratio = numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
        BigDecimal raw = BigDecimal.valueOf(Math.log(ratio) / LN2).setScale(SCALE, RoundingMode.HALF_EVEN);
        return raw.max(cap.negate()).min(cap);
    }

    /** {@code (raw + cap) / (2 * cap)}: a fixed range, 0 without a completed engagement. */
    static BigDecimal growthScaled(BigDecimal raw, Growth g) {
        if (raw == null) {
            return ZERO;
        }
        return raw.add(g.cap()).divide(g.cap().add(g.cap()), SCALE, RoundingMode.HALF_EVEN);
    }

    /** Share of the other cohort members with strictly fewer leaps. */
    static BigDecimal leapsScaled(int leaps, int[] sortedLeaps) {
        int n = sortedLeaps.length;
        if (n <= 1) {
            return ZERO;
        }
        int fewer = lowerBound(sortedLeaps, leaps);
        return BigDecimal.valueOf(fewer).divide(BigDecimal.valueOf(n - 1L), SCALE, RoundingMode.HALF_EVEN);
    }

    /** {@code (mean - 1) / 4}, within 0..1; 0 without a rating. */
    static BigDecimal ratingScaled(BigDecimal mean) {
        if (mean == null) {
            return ZERO;
        }
        BigDecimal scaled = mean.subtract(BigDecimal.ONE).divide(FOUR, SCALE, RoundingMode.HALF_EVEN);
        return scaled.max(ZERO).min(BigDecimal.ONE.setScale(SCALE));
    }

    /** The number of values in {@code sorted} strictly below {@code value}. */
    private static int lowerBound(int[] sorted, int value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static BigDecimal points(BigDecimal weight, BigDecimal scaled) {
        return weight.multiply(scaled).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static Map<String, BigDecimal> ordered(BigDecimal growth, BigDecimal leaps, BigDecimal retention, BigDecimal rating) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put("gmvGrowth", growth);
        m.put("leaps", leaps);
        m.put("retention", retention);
        m.put("rating", rating);
        return m;
    }
}
