package com.livecommerce.matching.scoring;

import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explainable score of a (merchant, provider) pair: seven components, each 0..1, weighted by configuration.
 * <ul>
 * <li>{@code categoryFit}: 1 when the provider serves the merchant's category, else 0;</li>
 * <li>{@code typeFit}: 1 on the ecosystem's lines (industrial belt -> industrial-belt provider, brand -> brand
 * provider, creator -> MCN), else {@code matching.score.type-mismatch-fit};</li>
 * <li>{@code regionFit}: 1 when the provider works in the merchant's region (or belt), else 0;</li>
 * <li>{@code needCoverage}: share of the needs of the merchant's latest service request the provider's
 * capabilities cover (0 without a request, for every provider alike);</li>
 * <li>{@code trackRecord}: half served GMV of the trailing 12 months over {@code gmv-scale} (capped at 1), half
 * merchants that leapt over {@code leap-scale} (capped at 1), as provider-service publishes them;</li>
 * <li>{@code capacityHeadroom}: capacity left over capacity;</li>
 * <li>{@code tier}: half the Windmaker tier (NONE 0, HUNDRED_MILLION 0.5, BILLION 1), half the incubation badge
 * (NONE 0, INCUBATOR_20 0.5, INCUBATOR_50 1).</li>
 * </ul>
 * Components are exact ten-thousandths (rounded half up), weights hundredths, the score millionths (see {@link Score}).
 */
@ApplicationScoped
public class Scorer {

    @Inject
    ScoringConfig config;

    private Score score;

    @PostConstruct
    void init() {
        ScoringConfig.Weights w = config.weights();
        int[] weights = new int[Score.COMPONENTS];
        weights[Score.CATEGORY_FIT] = hundredths("category-fit", w.categoryFit());
        weights[Score.TYPE_FIT] = hundredths("type-fit", w.typeFit());
        weights[Score.REGION_FIT] = hundredths("region-fit", w.regionFit());
        weights[Score.NEED_COVERAGE] = hundredths("need-coverage", w.needCoverage());
        weights[Score.TRACK_RECORD] = hundredths("track-record", w.trackRecord());
        weights[Score.CAPACITY_HEADROOM] = hundredths("capacity-headroom", w.capacityHeadroom());
        weights[Score.TIER] = hundredths("tier", w.tier());
        BigDecimal mismatch = config.typeMismatchFit();
        if (mismatch.signum() < 0 || mismatch.compareTo(BigDecimal.ONE) > 0 || mismatch.stripTrailingZeros().scale() > 4) {
            throw new IllegalStateException("matching.score.type-mismatch-fit must be 0..1 with at most 4 decimals, not " + mismatch);
        }
        score = new Score(weights, mismatch.movePointRight(4).intValueExact());
    }

    private static int hundredths(String name, BigDecimal weight) {
        if (weight.signum() < 0 || weight.stripTrailingZeros().scale() > 2 || weight.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalStateException("matching.score.weights." + name + " must be 0..100 with at most 2 decimals, not " + weight);
        }
        return weight.movePointRight(2).intValueExact();
    }

    public Score score() {
        return score;
    }

    /** trackRecord of a provider, in ten-thousandths. */
    public int trackRecord(BigDecimal servedGmv12m, int merchantsLeapt) {
        BigDecimal gmv = servedGmv12m.divide(config.trackRecord().gmvScale(), 10, RoundingMode.HALF_UP).min(BigDecimal.ONE);
        BigDecimal leaps = BigDecimal.valueOf(Math.max(0, merchantsLeapt))
                .divide(BigDecimal.valueOf(Math.max(1, config.trackRecord().leapScale())), 10, RoundingMode.HALF_UP).min(BigDecimal.ONE);
        return gmv.add(leaps).multiply(BigDecimal.valueOf(Score.ONE / 2)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** tier of a provider, in ten-thousandths. */
    public static int tier(String tier, String badge) {
        int t = switch (tier == null ? "" : tier) {
            case "BILLION" -> 2;
            case "HUNDRED_MILLION" -> 1;
            default -> 0;
        };
        int b = switch (badge == null ? "" : badge) {
            case "INCUBATOR_50" -> 2;
            case "INCUBATOR_20" -> 1;
            default -> 0;
        };
        return (t + b) * Score.ONE / 4;
    }

    /** The components of the pair, given the provider's capacity left. */
    public int[] components(MerchantEntry m, ProviderEntry p, int remaining) {
        int[] c = new int[Score.COMPONENTS];
        c[Score.CATEGORY_FIT] = m.category() != null && p.categories().contains(m.category()) ? Score.ONE : 0;
        c[Score.TYPE_FIT] = score.typeFit(m.kind(), p.type());
        c[Score.REGION_FIT] = m.region() != null && p.regions().contains(m.region()) ? Score.ONE : 0;
        c[Score.NEED_COVERAGE] = Score.needCoverage(m.needs(), p.capabilities());
        c[Score.TRACK_RECORD] = p.trackRecord();
        c[Score.CAPACITY_HEADROOM] = Score.headroom(remaining, p.capacity());
        c[Score.TIER] = p.tierPoints();
        return c;
    }

    /** The score in millionths. */
    public long total(int[] components) {
        return score.total(components);
    }

    public static BigDecimal decimal(int tenThousandths) {
        return BigDecimal.valueOf(tenThousandths, 4);
    }

    public static BigDecimal scoreDecimal(long millionths) {
        return BigDecimal.valueOf(millionths, 6);
    }

    /** The weights as configured, for the answer (so the score can be recomputed from the components). */
    public Map<String, BigDecimal> weights() {
        Map<String, BigDecimal> w = new LinkedHashMap<>();
        int[] weights = score.weights();
        String[] names = {"categoryFit", "typeFit", "regionFit", "needCoverage", "trackRecord", "capacityHeadroom", "tier"};
        for (int i = 0; i < names.length; i++) {
            w.put(names[i], BigDecimal.valueOf(weights[i], 2));
        }
        return w;
    }
}
