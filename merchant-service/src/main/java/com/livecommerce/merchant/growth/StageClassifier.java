package com.livecommerce.merchant.growth;

import com.livecommerce.merchant.merchant.MerchantStage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;

/**
 * A merchant's stage as of a day T (UTC): GMV of the trailing window (T - w, T] against the window
 * before it (T - 2w, T - w]. NEW only while the merchant has no GMV at all before the trailing
 * window (a merchant that sold long ago and stopped is not new); otherwise more than before:
 * GROWING; not more, but down by less than the decline threshold: STALLED; down by the threshold or
 * more: DECLINING. A merchant that stops selling therefore goes STALLED, then DECLINING, as T moves
 * on, without any new ledger entry.
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

    /** The GMV the classification reads: before the trailing window (all of it), the prior window, the trailing window. */
    public record Windows(BigDecimal beforeTrailing, BigDecimal prior, BigDecimal recent) {
    }

    @Inject
    Config config;

    public int windowDays() {
        return config.windowDays();
    }

    public MerchantStage classify(Windows w) {
        if (w.beforeTrailing().signum() == 0) {
            return MerchantStage.NEW;
        }
        if (w.recent().compareTo(w.prior()) > 0) {
            return MerchantStage.GROWING;
        }
        BigDecimal floor = w.prior().multiply(BigDecimal.ONE.subtract(config.declineThreshold()));
        return w.recent().compareTo(floor) > 0 ? MerchantStage.STALLED : MerchantStage.DECLINING;
    }
}
