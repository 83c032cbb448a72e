package com.livecommerce.merchant.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.merchant.growth.StageAssessor;
import com.livecommerce.merchant.merchant.MerchantEvents;
import com.livecommerce.merchant.merchant.MerchantService;
import com.livecommerce.merchant.merchant.MerchantStage;
import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the GMV ledger: each entry once per source id (a repeated source id changes nothing), the
 * whole batch in one statement, then reassesses the merchant's stage as of today (UTC). All in the
 * caller's transaction, under the merchant's row lock, with the MerchantGmvRecorded (and, on a stage
 * change, MerchantGrowthAssessed and MerchantUpdated) events. A write that records something moves
 * the merchant's {@code version}, which every one of these events carries, so consumers can order them.
 */
@ApplicationScoped
public class GmvLedger {

    /** The batch as one JSON array, unpacked by PostgreSQL: one round trip however many entries. */
    private static final String INSERT = "insert into gmv_entry (merchant_id, entry_date, gmv, orders, source_id)"
            + " select :merchant, e.date, e.gmv, e.orders, e.\"sourceId\""
            + " from jsonb_to_recordset(cast(cast(:entries as text) as jsonb)) as e(date date, gmv numeric(18, 2), orders integer, \"sourceId\" text)"
            + " on conflict (merchant_id, source_id) do nothing returning source_id";

    @Inject
    MerchantService merchants;

    @Inject
    StageAssessor stages;

    @Inject
    Outbox outbox;

    @Inject
    UtcClock clock;

    @Inject
    ObjectMapper mapper;

    /** Data of MerchantGmvRecorded. */
    public record RecordedEntries(UUID merchantId, List<LedgerEntry> entries, MerchantStage stage, long version) {
    }

    @WithTransaction
    public Uni<LedgerResult> record(UUID merchantId, List<LedgerEntry> entries) {
        Map<String, LedgerEntry> bySource = new LinkedHashMap<>();
        entries.forEach(e -> bySource.putIfAbsent(e.sourceId(), e));
        List<LedgerEntry> unique = List.copyOf(bySource.values());
        return merchants.lock(merchantId).chain(merchant -> insert(merchantId, unique).chain(inserted -> {
            List<LedgerEntry> recorded = unique.stream().filter(e -> inserted.contains(e.sourceId())).toList();
            if (recorded.isEmpty()) {
                return Uni.createFrom().item(new LedgerResult(merchantId, 0, entries.size(), merchant.stage));
            }
            merchant.touch(clock.now()); // the ledger is part of the merchant: its version moves
            return stages.reassess(merchant, clock.today())
                    .call(() -> Panache.flush())
                    .call(stage -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_GMV_RECORDED, merchantId.toString(),
                            new RecordedEntries(merchantId, recorded, stage, merchant.version)))
                    .map(stage -> new LedgerResult(merchantId, recorded.size(), entries.size() - recorded.size(), stage));
        }));
    }

    /** Inserts the entries whose source id is new; returns those source ids. */
    private Uni<Set<String>> insert(UUID merchantId, List<LedgerEntry> entries) {
        String json;
        try {
            json = mapper.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT, String.class)
                .setParameter("merchant", merchantId)
                .setParameter("entries", json)
                .getResultList())
                .map(HashSet::new);
    }
}
