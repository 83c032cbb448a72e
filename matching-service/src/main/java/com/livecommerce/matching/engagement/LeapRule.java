package com.livecommerce.matching.engagement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.List;

/**
 * When a merchant leapt (跃迁) during an engagement: GMV of the trailing {@code window-days} ending on the completion
 * day at least {@code growth-factor} times the same window just before activation, and its GMV band up at least
 * {@code min-band-steps}. A band is placed by annualised GMV over {@code band-window-days} (GMV x 365 / days)
 * against the thresholds {@code bands} (CNY, ascending; DOMAIN.md: 1M, 10M, 100M, 1B).
 */
@ConfigMapping(prefix = "matching.leap")
public interface LeapRule {

    @WithDefault("90")
    int windowDays();

    @WithDefault("2")
    BigDecimal growthFactor();

    @WithDefault("365")
    int bandWindowDays();

    @WithDefault("1")
    int minBandSteps();

    @WithDefault("1000000,10000000,100000000,1000000000")
    List<BigDecimal> bands();
}
