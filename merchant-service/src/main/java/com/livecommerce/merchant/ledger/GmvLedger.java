package com.livecommerce.merchant.ledger;

import com.livecommerce.merchant.growth.StageClassifier;
import com.livecommerce.merchant.merchant.Merchant;
import com.livecommerce.merchant.merchant.MerchantEvents;
import com.livecommerce.merchant.merchant.MerchantService;
import com.livecommerce.merchant.merchant.MerchantStage;
import com.livecommerce.merchant.merchant.MerchantView;
import com.livecommerce.plumbing.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the GMV ledger: each entry once per source id (a repeated source id changes nothing),
 * then reassesses the merchant's stage. All in the caller's transaction, with the
 * MerchantGmvRecorded (and, on a stage change, MerchantGrowthAssessed) events.
 */
@ApplicationScoped
public class GmvLedger {

    private static final String INSERT = "insert into gmv_entry (merchant_id, entry_date, gmv, orders, source_id)"
            + " values (:merchant, :date, :gmv, :orders, :source) on conflict (merchant_id, source_id) do nothing";
    /** Latest ledger date, GMV of the window before the trailing one, GMV of the trailing window: one round trip. */
    private static final String WINDOWS = "with latest as (select max(entry_date) as d from gmv_entry where merchant_id = :merchant)"
            + " select latest.d,"
            + " coalesce(sum(g.gmv) filter (where g.entry_date <= latest.d - cast(:days as integer)), 0),"
            + " coalesce(sum(g.gmv) filter (where g.entry_date > latest.d - cast(:days as integer)), 0)"
            + " from latest join gmv_entry g on g.merchant_id = :merchant and g.entry_date > latest.d - 2 * cast(:days as integer)"
            + " group by latest.d";

    @Inject
    MerchantService merchants;

    @Inject
    StageClassifier classifier;

    @Inject
    Outbox outbox;

    public record RecordedEntries(UUID merchantId, List<LedgerEntry> entries, MerchantStage stage) {
    }

    public record GrowthAssessed(UUID merchantId, MerchantStage stage, MerchantStage previousStage, LocalDate asOf,
            int windowDays, BigDecimal priorWindowGmv, BigDecimal recentWindowGmv) {
    }

    @WithTransaction
    public Uni<LedgerResult> record(UUID merchantId, List<LedgerEntry> entries) {
        Map<String, LedgerEntry> bySource = new LinkedHashMap<>();
        entries.forEach(e -> bySource.putIfAbsent(e.sourceId(), e));
        return merchants.require(merchantId).chain(merchant -> Panache.getSession().chain(session -> {
            List<LedgerEntry> recorded = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (LedgerEntry e : bySource.values()) {
                chain = chain.chain(() -> session.createNativeQuery(INSERT)
                        .setParameter("merchant", merchantId)
                        .setParameter("date", e.date())
                        .setParameter("gmv", e.gmv())
                        .setParameter("orders", e.orders())
                        .setParameter("source", e.sourceId())
                        .executeUpdate()
                        .invoke(n -> {
                            if (n == 1) {
                                recorded.add(e);
                            }
                        })
                        .replaceWithVoid());
            }
            return chain.chain(() -> recorded.isEmpty()
                    ? Uni.createFrom().item(merchant.stage)
                    : reassess(merchant).call(stage -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_GMV_RECORDED,
                            merchantId.toString(), new RecordedEntries(merchantId, recorded, stage))))
                    .map(stage -> new LedgerResult(merchantId, recorded.size(), entries.size() - recorded.size(), stage));
        }));
    }

    private Uni<MerchantStage> reassess(Merchant merchant) {
        int days = classifier.windowDays();
        return Panache.getSession().chain(session -> session.createNativeQuery(WINDOWS, Object[].class)
                .setParameter("merchant", merchant.id)
                .setParameter("days", days)
                .getSingleResult()
                .chain(row -> {
                    LocalDate latest = row[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[0];
                    BigDecimal prior = (BigDecimal) row[1];
                    BigDecimal recent = (BigDecimal) row[2];
                    MerchantStage stage = classifier.classify(prior, recent);
                    if (stage == merchant.stage) {
                        return Uni.createFrom().item(stage);
                    }
                    MerchantStage previous = merchant.stage;
                    merchant.stage = stage;
                    merchant.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return session.flush()
                            .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_GROWTH_ASSESSED, merchant.id.toString(),
                                    new GrowthAssessed(merchant.id, stage, previous, latest, days, prior, recent)))
                            .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_UPDATED, merchant.id.toString(),
                                    MerchantView.of(merchant)))
                            .replaceWith(stage);
                }));
    }
}
