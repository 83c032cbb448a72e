package com.livecommerce.matching.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The merchant read model, from {@code merchant-events} only. Each event is applied once (IdempotentConsumer),
 * and each kind of fact is ordered by what it means, so duplicates, republished facts and events out of order
 * leave the same state:
 * <ul>
 * <li>profile (MerchantRegistered, MerchantUpdated): the highest merchant {@code version} wins;</li>
 * <li>stage (those two, MerchantGmvRecorded, MerchantGrowthAssessed): the highest {@code version} wins (the
 * events of one write share a version and carry the same stage);</li>
 * <li>ledger entries (MerchantGmvRecorded): once per {@code sourceId};</li>
 * <li>needs (ServiceRequested): once per request id; the merchant's needs are those of its latest request.</li>
 * </ul>
 * An event about a merchant not seen yet creates its row; the profile fills in when it arrives. Unknown event
 * types and unknown fields are ignored; malformed data goes to {@code matching-service.merchant-events.dlq}.
 */
@ApplicationScoped
public class MerchantEventsConsumer {

    static final String CONSUMER = "matching-merchants";
    static final List<String> STAGES = List.of("NEW", "GROWING", "STALLED", "DECLINING");
    static final List<String> KINDS = Arrays.stream(MerchantKind.values()).map(Enum::name).toList();

    private static final String PROFILE = "insert into merchant_view as m (id, name, kind, category, region, followers,"
            + " profile_version, stage, stage_version, registered_at)"
            + " values (:id, :name, :kind, :category, :region, :followers, :version, :stage, :version, :createdAt)"
            + " on conflict (id) do update set"
            + " name = case when excluded.profile_version > m.profile_version then excluded.name else m.name end,"
            + " kind = case when excluded.profile_version > m.profile_version then excluded.kind else m.kind end,"
            + " category = case when excluded.profile_version > m.profile_version then excluded.category else m.category end,"
            + " region = case when excluded.profile_version > m.profile_version then excluded.region else m.region end,"
            + " followers = case when excluded.profile_version > m.profile_version then excluded.followers else m.followers end,"
            + " registered_at = coalesce(m.registered_at, excluded.registered_at),"
            + " profile_version = greatest(m.profile_version, excluded.profile_version),"
            + " stage = case when excluded.stage_version > m.stage_version then excluded.stage else m.stage end,"
            + " stage_version = greatest(m.stage_version, excluded.stage_version)"
            + " where excluded.profile_version > m.profile_version or excluded.stage_version > m.stage_version";

    private static final String STAGE = "insert into merchant_view as m (id, stage, stage_version) values (:id, :stage, :version)"
            + " on conflict (id) do update set stage = excluded.stage, stage_version = excluded.stage_version"
            + " where excluded.stage_version > m.stage_version";

    private static final String LEDGER = "insert into merchant_gmv (merchant_id, source_id, entry_date, gmv)"
            + " select :merchant, e.\"sourceId\", e.date, e.gmv"
            + " from jsonb_to_recordset(cast(cast(:entries as text) as jsonb)) as e(date date, gmv numeric(18, 2), \"sourceId\" text)"
            + " on conflict (merchant_id, source_id) do nothing";

    private static final String REQUEST = "insert into service_request_view (id, merchant_id, needs, created_at)"
            + " values (:id, :merchant, array(select jsonb_array_elements_text(cast(cast(:needs as text) as jsonb))), :createdAt)"
            + " on conflict (id) do nothing";

    private static final String LATEST_NEEDS = "insert into merchant_view as m (id, needs, needs_request_id, needs_requested_at)"
            + " values (:merchant, array(select jsonb_array_elements_text(cast(cast(:needs as text) as jsonb))), :id, :createdAt)"
            + " on conflict (id) do update set needs = excluded.needs, needs_request_id = excluded.needs_request_id,"
            + " needs_requested_at = excluded.needs_requested_at"
            + " where m.needs_requested_at is null or excluded.needs_requested_at > m.needs_requested_at"
            + " or (excluded.needs_requested_at = m.needs_requested_at and excluded.needs_request_id > m.needs_request_id)";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    MatchingIndex index;

    @Inject
    ObjectMapper mapper;

    @Incoming("merchant-events")
    public Uni<Void> onMerchantEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply).invoke(index::poke);
    }

    /** Applies one event inside the consumer's transaction. */
    public Uni<Void> apply(ReceivedEvent event) {
        return switch (event.type()) {
            case "MerchantRegistered", "MerchantUpdated" -> profile(event);
            case "MerchantGmvRecorded" -> ledger(event);
            case "MerchantGrowthAssessed" -> update(STAGE, Map.of("id", event.requireUuid("merchantId"),
                    "stage", EventFields.requireOneOf(event, "stage", STAGES), "version", EventFields.requireLong(event, "version")));
            case "ServiceRequested" -> serviceRequested(event);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> profile(ReceivedEvent event) {
        return update(PROFILE, Map.of(
                "id", event.requireUuid("id"),
                "name", event.requireText("name"),
                "kind", EventFields.requireOneOf(event, "kind", KINDS),
                "category", event.requireText("category"),
                "region", event.requireText("region"),
                "followers", (long) event.countOr(0, "followers"),
                "version", EventFields.requireLong(event, "version"),
                "stage", EventFields.requireOneOf(event, "stage", STAGES),
                "createdAt", event.requireDateTime("createdAt")));
    }

    record Entry(LocalDate date, BigDecimal gmv, String sourceId) {
    }

    private Uni<Void> ledger(ReceivedEvent event) {
        UUID merchant = event.requireUuid("merchantId");
        JsonNode entries = event.at("entries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new PoisonMessageException("MerchantGmvRecorded " + event.id() + " has no entries");
        }
        List<Entry> valid = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "entries[" + i + "]";
            valid.add(new Entry(date(event, entries.get(i), at), money(event, entries.get(i), at), text(event, entries.get(i), at)));
        }
        String json;
        try {
            json = mapper.writeValueAsString(valid);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        long version = EventFields.requireLong(event, "version");
        String stage = EventFields.requireOneOf(event, "stage", STAGES);
        return update(LEDGER, Map.of("merchant", merchant, "entries", json))
                .chain(() -> update(STAGE, Map.of("id", merchant, "stage", stage, "version", version)));
    }

    private static LocalDate date(ReceivedEvent event, JsonNode entry, String at) {
        try {
            return LocalDate.parse(entry.path("date").asText());
        } catch (RuntimeException e) {
            throw new PoisonMessageException("MerchantGmvRecorded " + event.id() + " has no valid " + at + ".date");
        }
    }

    private static BigDecimal money(ReceivedEvent event, JsonNode entry, String at) {
        JsonNode gmv = entry.path("gmv");
        BigDecimal value = null;
        try {
            value = gmv.isNumber() || gmv.isTextual() ? new BigDecimal(gmv.asText()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 2) {
            throw new PoisonMessageException("MerchantGmvRecorded " + event.id() + " has no valid " + at + ".gmv");
        }
        return value;
    }

    private static String text(ReceivedEvent event, JsonNode entry, String at) {
        String source = entry.path("sourceId").asText("");
        if (source.isBlank()) {
            throw new PoisonMessageException("MerchantGmvRecorded " + event.id() + " has no " + at + ".sourceId");
        }
        return source;
    }

    private Uni<Void> serviceRequested(ReceivedEvent event) {
        UUID id = event.requireUuid("id");
        UUID merchant = event.requireUuid("merchantId");
        OffsetDateTime createdAt = event.requireDateTime("createdAt");
        String needs;
        try {
            needs = mapper.writeValueAsString(EventFields.requireStrings(event, "needs"));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Map<String, Object> params = Map.of("id", id, "merchant", merchant, "needs", needs, "createdAt", createdAt);
        return update(REQUEST, params).chain(() -> update(LATEST_NEEDS, params));
    }

    static Uni<Void> update(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
