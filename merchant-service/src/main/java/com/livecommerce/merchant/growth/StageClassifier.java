package com.livecommerce.merchant.growth;

import com.livecommerce.merchant.merchant.MerchantStage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;

/**
 * Assesses a merchant's stage from its ledger: GMV of the trailing window (ending at its latest
 * entry) against the window before it. No GMV before: NEW; more than before: GROWING; not more,
 * but down by less than the decline threshold: STALLED; down by the threshold or more: DECLINING.
 */
@ApplicationScoped
public class StageClassifier {

    @ConfigMapping(prefix = "merchant.stage")
    public interface Config {
        /** Length of each compared window, in days. */
        @WithDefault("90")
        int windowDays();

        /** A fall of at least this share of the earlier window's GMV counts as DECLINING. */
        @WithDefault("0.20")
        BigDecimal declineThreshold();
    }

    @Inject
    Config config;

    public int windowDays() {
        return config.windowDays();
    }

    public MerchantStage classify(BigDecimal priorWindow, BigDecimal recentWindow) {
        if (priorWindow.signum() == 0) {
            return MerchantStage.NEW;
        }
        if (recentWindow.compareTo(priorWindow) > 0) {
            return MerchantStage.GROWING;
        }
        BigDecimal floor = priorWindow.multiply(BigDecimal.ONE.subtract(config.declineThreshold()));
        return recentWindow.compareTo(floor) > 0 ? MerchantStage.STALLED : MerchantStage.DECLINING;
    }
}
