package com.livecommerce.merchant.growth;

import com.livecommerce.merchant.merchant.Merchant;
import com.livecommerce.merchant.merchant.MerchantEvents;
import com.livecommerce.merchant.merchant.MerchantService;
import com.livecommerce.merchant.merchant.MerchantStage;
import com.livecommerce.merchant.merchant.MerchantView;
import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Reassesses one merchant's stage as of a day ({@link StageClassifier}), inside a transaction that
 * holds the merchant's row lock: the ledger write and the daily reassessment of the same merchant
 * are serialised, so no stage change is lost and the merchant's events keep their order. A change
 * is published as MerchantGrowthAssessed and MerchantUpdated, as of that day.
 */
@ApplicationScoped
public class StageAssessor {

    /** Before the trailing window, the prior window, the trailing window: one round trip. */
    private static final String WINDOWS = "select"
            + " coalesce(sum(gmv) filter (where entry_date <= :trailingStart), 0),"
            + " coalesce(sum(gmv) filter (where entry_date > :priorStart and entry_date <= :trailingStart), 0),"
            + " coalesce(sum(gmv) filter (where entry_date > :trailingStart), 0)"
            + " from gmv_entry where merchant_id = :merchant and entry_date <= :asOf";

    /** Data of MerchantGrowthAssessed. */
    public record GrowthAssessed(UUID merchantId, MerchantStage stage, MerchantStage previousStage, LocalDate asOf,
            int windowDays, BigDecimal priorWindowGmv, BigDecimal recentWindowGmv, long version) {
    }

    @Inject
    StageClassifier classifier;

    @Inject
    MerchantService merchants;

    @Inject
    Outbox outbox;

    @Inject
    UtcClock clock;

    /**
     * Reassesses {@code merchant}, which the caller loaded with its row lock, in the caller's
     * transaction; returns its stage afterwards.
     */
    public Uni<MerchantStage> reassess(Merchant merchant, LocalDate asOf) {
        int days = classifier.windowDays();
        return Panache.getSession().chain(session -> session.createNativeQuery(WINDOWS, Object[].class)
                .setParameter("merchant", merchant.id)
                .setParameter("asOf", asOf)
                .setParameter("trailingStart", asOf.minusDays(days))
                .setParameter("priorStart", asOf.minusDays(2L * days))
                .getSingleResult()
                .chain(row -> {
                    StageClassifier.Windows windows = new StageClassifier.Windows((BigDecimal) row[0], (BigDecimal) row[1],
                            (BigDecimal) row[2]);
                    MerchantStage stage = classifier.classify(windows);
                    if (stage == merchant.stage) {
                        return Uni.createFrom().item(stage);
                    }
                    MerchantStage previous = merchant.stage;
                    merchant.stage = stage;
                    merchant.touch(clock.now());
                    return session.flush()
                            .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_GROWTH_ASSESSED,
                                    merchant.id.toString(), new GrowthAssessed(merchant.id, stage, previous, asOf, days,
                                            windows.prior(), windows.recent(), merchant.version)))
                            .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_UPDATED,
                                    merchant.id.toString(), MerchantView.of(merchant)))
                            .replaceWith(stage);
                }));
    }

    /** Locks one merchant and reassesses it as of {@code asOf} in a transaction of its own; true when its stage changed. */
    public Uni<Boolean> reassessOne(UUID merchantId, LocalDate asOf) {
        return Panache.withTransaction(() -> merchants.lock(merchantId).chain(m -> {
            MerchantStage before = m.stage;
            return reassess(m, asOf).map(after -> after != before);
        }));
    }
}
