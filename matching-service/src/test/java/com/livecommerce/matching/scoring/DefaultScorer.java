package com.livecommerce.matching.scoring;

import java.math.BigDecimal;

/** A {@link Scorer} with the default weights and scales of application.properties, outside CDI (benchmarks). */
public final class DefaultScorer {

    private DefaultScorer() {
    }

    public static Scorer create() {
        ScoringConfig.Weights weights = new ScoringConfig.Weights() {
            public BigDecimal categoryFit() { return new BigDecimal("0.20"); }
            public BigDecimal typeFit() { return new BigDecimal("0.20"); }
            public BigDecimal regionFit() { return new BigDecimal("0.10"); }
            public BigDecimal needCoverage() { return new BigDecimal("0.20"); }
            public BigDecimal trackRecord() { return new BigDecimal("0.15"); }
            public BigDecimal capacityHeadroom() { return new BigDecimal("0.05"); }
            public BigDecimal tier() { return new BigDecimal("0.10"); }
        };
        ScoringConfig.TrackRecord trackRecord = new ScoringConfig.TrackRecord() {
            public BigDecimal gmvScale() { return new BigDecimal("1000000000"); }
            public int leapScale() { return 50; }
        };
        Scorer scorer = new Scorer();
        scorer.config = new ScoringConfig() {
            public Weights weights() { return weights; }
            public BigDecimal typeMismatchFit() { return new BigDecimal("0.25"); }
            public TrackRecord trackRecord() { return trackRecord; }
        };
        scorer.init();
        return scorer;
    }
}
