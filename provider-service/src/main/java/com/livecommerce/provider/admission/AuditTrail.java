package com.livecommerce.provider.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.UUID;

/** Writes and reads the providers' audit trail; writes join the caller's transaction. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    ObjectMapper mapper;

    private final AtomicReference<OffsetDateTime> last = new AtomicReference<>(OffsetDateTime.MIN);

    public Uni<Decision> record(UUID providerId, Decision.Action action, List<String> reasons, String actor) {
        Decision d = new Decision();
        d.id = UUID.randomUUID();
        d.providerId = providerId;
        d.action = action;
        d.actor = actor;
        d.decidedAt = nextTimestamp();
        try {
            d.reasons = mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return d.persist().replaceWith(d);
    }

    /**
     * Now, but strictly after the previous decision recorded here (PostgreSQL keeps microseconds), so
     * two decisions of one request (appeal granted, then reinstated) keep their order in the trail.
     */
    private OffsetDateTime nextTimestamp() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return last.updateAndGet(previous -> now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS));
    }

    public Uni<Page<AdmissionDtos.DecisionView>> of(UUID providerId, PageRequest paging) {
        return paging.page(Decision.<Decision>find("providerId", Sort.by("decidedAt").and("id"), providerId), this::view);
    }

    /** The latest decision of one of {@code actions}, or null. */
    public Uni<Decision> latest(UUID providerId, Decision.Action... actions) {
        return Decision.<Decision>find("providerId = ?1 and action in ?2", Sort.descending("decidedAt").and("id", Sort.Direction.Descending),
                providerId, List.of(actions)).firstResult();
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
