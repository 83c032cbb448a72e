package com.livecommerce.provider.leaderboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;

/** Horse racing (强赛马) settings: {@code provider.leaderboard.*}. */
@ConfigMapping(prefix = "provider.leaderboard")
public interface LeaderboardConfig {

    /**
     * Cron (UTC) of the trigger that computes the month that ended; it fires daily so that a failed
     * month is retried the next day, and the month is computed once across replicas.
     */
    @WithDefault("0 0 2 * * ?")
    String schedule();

    /** How long a scheduled computation may run before another replica may take it over. */
    @WithDefault("PT30M")
    Duration lease();

    /** The maximum share of each cohort put on probation (the bottom of the board). */
    @WithDefault("0.10")
    BigDecimal probationShare();

    /** CNY added to the GMV before and during before the growth factor is taken (no division by zero). */
    @WithDefault("10000")
    BigDecimal growthSmoothing();

    /** The growth component is clamped to +-cap on the log2 scale (3: 1/8x .. 8x). */
    @WithDefault("3")
    BigDecimal growthCap();

    @WithDefault("0.40")
    BigDecimal weightGmvGrowth();

    @WithDefault("0.25")
    BigDecimal weightLeaps();

    @WithDefault("0.15")
    BigDecimal weightRetention();

    @WithDefault("0.20")
    BigDecimal weightRating();
}
