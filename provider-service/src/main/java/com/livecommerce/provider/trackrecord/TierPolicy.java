package com.livecommerce.provider.trackrecord;

import com.livecommerce.provider.provider.Badge;
import com.livecommerce.provider.provider.Tier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;

/**
 * Windmaker (造风者计划) tiers and badges: BILLION at >= 1,000,000,000 CNY served GMV over the
 * trailing 12 months, HUNDRED_MILLION at >= 100,000,000; INCUBATOR_50 / INCUBATOR_20 for 50 / 20
 * distinct merchants whose leap was credited to the provider. Thresholds and targets are configuration.
 */
@ApplicationScoped
public class TierPolicy {

    @ConfigMapping(prefix = "provider.windmaker")
    public interface Config {
        @WithDefault("1000000000")
        BigDecimal billion();

        @WithDefault("100000000")
        BigDecimal hundredMillion();

        @WithDefault("50")
        int incubator50();

        @WithDefault("20")
        int incubator20();

        @WithDefault("100")
        int targetBillion();

        @WithDefault("200")
        int targetHundredMillion();

        @WithDefault("50")
        int targetIncubator50();

        @WithDefault("100")
        int targetIncubator20();
    }

    @Inject
    Config config;

    public Config config() {
        return config;
    }

    public Tier tier(BigDecimal servedGmv12m) {
        if (servedGmv12m.compareTo(config.billion()) >= 0) {
            return Tier.BILLION;
        }
        return servedGmv12m.compareTo(config.hundredMillion()) >= 0 ? Tier.HUNDRED_MILLION : Tier.NONE;
    }

    public Badge badge(int merchantsLeapt) {
        if (merchantsLeapt >= config.incubator50()) {
            return Badge.INCUBATOR_50;
        }
        return merchantsLeapt >= config.incubator20() ? Badge.INCUBATOR_20 : Badge.NONE;
    }
}
