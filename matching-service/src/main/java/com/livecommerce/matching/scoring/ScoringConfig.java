package com.livecommerce.matching.scoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/** The weights and scales of the recommendation score ({@code matching.score.*}). */
@ConfigMapping(prefix = "matching.score")
public interface ScoringConfig {

    Weights weights();

    /** typeFit of a pair off the ecosystem's lines (0..1, at most 4 decimals). */
    @WithDefault("0.25")
    BigDecimal typeMismatchFit();

    TrackRecord trackRecord();

    /** Each weight non-negative with at most 2 decimals; the defaults sum to 1, so a score is 0..1. */
    interface Weights {
        @WithDefault("0.20")
        BigDecimal categoryFit();

        @WithDefault("0.20")
        BigDecimal typeFit();

        @WithDefault("0.10")
        BigDecimal regionFit();

        @WithDefault("0.20")
        BigDecimal needCoverage();

        @WithDefault("0.15")
        BigDecimal trackRecord();

        @WithDefault("0.05")
        BigDecimal capacityHeadroom();

        @WithDefault("0.10")
        BigDecimal tier();
    }

    interface TrackRecord {
        /** Served GMV (trailing 12 months, CNY) that counts as a full half of trackRecord. */
        @WithDefault("1000000000")
        BigDecimal gmvScale();

        /** Merchants that leapt that count as the other full half. */
        @WithDefault("50")
        int leapScale();
    }
}
