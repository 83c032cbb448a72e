package com.livecommerce.provider.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one writer and reader of the providers' audit trail ({@code provider_decision}). Writes join the
 * caller's transaction and go to the database at once, in call order: the trail is ordered by
 * {@code seq}, a database sequence, so the order holds across replicas (no JVM clock or lock decides it).
 */
@ApplicationScoped
public class AuditTrail {

    /** One entry to write. */
    public record Entry(UUID providerId, Decision.Action action, List<String> reasons, String actor) {
    }

    private static final String INSERT = "insert into provider_decision (id, provider_id, action, reasons, actor, decided_at)"
            + " select x.id, x.provider_id, x.action, x.reasons, x.actor, :at"
            + " from rows from (json_to_recordset(cast(cast(:rows as text) as json))"
            + "   as (id uuid, provider_id uuid, action text, reasons text, actor text)) with ordinality"
            + "   as x(id, provider_id, action, reasons, actor, n)"
            + " order by x.n";

    @Inject
    ObjectMapper mapper;

    @Inject
    UtcClock clock;

    public Uni<Decision> record(UUID providerId, Decision.Action action, List<String> reasons, String actor) {
        return recordAll(List.of(new Entry(providerId, action, reasons, actor))).map(written -> written.get(0));
    }

    /** Writes {@code entries} in one statement, in their order; an empty list writes nothing. */
    public Uni<List<Decision>> recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime at = clock.now().truncatedTo(ChronoUnit.MICROS);
        List<Decision> decisions = new ArrayList<>(entries.size());
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Decision d = new Decision();
            d.id = UUID.randomUUID();
            d.providerId = e.providerId();
            d.action = e.action();
            d.actor = e.actor();
            d.decidedAt = at;
            d.reasons = json(e.reasons());
            decisions.add(d);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id);
            row.put("provider_id", d.providerId);
            row.put("action", d.action.name());
            row.put("reasons", d.reasons);
            row.put("actor", d.actor);
            rows.add(row);
        }
        String json = json(rows);
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                        .setParameter("at", at)
                        .setParameter("rows", json)
                        .executeUpdate())
                .replaceWith(decisions);
    }

    public Uni<Page<AdmissionDtos.DecisionView>> of(UUID providerId, PageRequest paging) {
        return paging.page(Decision.<Decision>find("providerId", Sort.by("seq"), providerId), this::view);
    }

    /** The latest decision of one of {@code actions}, or null. */
    public Uni<Decision> latest(UUID providerId, Decision.Action... actions) {
        return Decision.<Decision>find("providerId = ?1 and action in ?2", Sort.descending("seq"), providerId, List.of(actions))
                .firstResult();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AdmissionDtos.DecisionView view(Decision d) {
        try {
            return new AdmissionDtos.DecisionView(d.id, d.providerId, d.action, mapper.readValue(d.reasons, new TypeReference<>() {
            }), d.actor, d.decidedAt);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
