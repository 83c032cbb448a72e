package com.livecommerce.session.session;

import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.session.telemetry.TelemetryTopics;
import java.math.BigDecimal;
import java.util.function.Function;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one writer of sessions: every change takes the session's row lock, moves its version and writes
 * its event to the outbox in the same transaction.
 */
@ApplicationScoped
public class SessionService {

    static final String INSERT_RESERVATION = "insert into session_reservation (session_id, viewer_id, reserved_at)"
            + " values (:session, :viewer, :at) on conflict do nothing";
    static final String FIND_RESERVATION = "select reserved_at from session_reservation where session_id = :session and viewer_id = :viewer";

    @Inject
    SessionRepository sessions;

    @Inject
    Outbox outbox;

    @Inject
    UtcClock clock;

    @ConfigProperty(name = "session.telemetry.default-sub-keys", defaultValue = "1")
    int defaultSubKeys;

    @ConfigProperty(name = "session.telemetry.max-sub-keys", defaultValue = "6")
    int maxSubKeys;

    /** A session and whether this call created it (false: the reservation existed). */
    public record Reserved(ReservationView reservation, boolean created) {
    }

    @WithTransaction
    public Uni<SessionView> schedule(NewSession request) {
        if (request.operatorId() != null && request.providerId() == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("operatorId", "an operator needs its providerId"));
        }
        int subKeys = request.telemetrySubKeys() == null ? defaultSubKeys : request.telemetrySubKeys();
        if (subKeys > maxSubKeys) {
            return Uni.createFrom().failure(ProblemException.invalidField("telemetrySubKeys",
                    "at most " + maxSubKeys + " (session.telemetry.max-sub-keys, the partitions of session-telemetry)"));
        }
        LiveSession s = new LiveSession();
        s.id = UUID.randomUUID();
        s.telemetrySubKeys = subKeys;
        s.merchantId = request.merchantId();
        s.providerId = request.providerId();
        s.operatorId = request.operatorId();
        s.title = request.title().trim();
        s.scheduledStart = request.scheduledStart().withOffsetSameInstant(java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        s.plannedMinutes = request.plannedMinutes();
        s.gmvTarget = request.gmvTarget().setScale(2);
        s.adBudgetPaidPromotion = request.adBudget().PAID_PROMOTION().setScale(2);
        s.adBudgetFanBoost = request.adBudget().FAN_BOOST().setScale(2);
        s.status = SessionStatus.SCHEDULED;
        s.createdAt = clock.now().truncatedTo(ChronoUnit.MICROS);
        s.updatedAt = s.createdAt;
        return sessions.persistAndFlush(s)
                .chain(() -> outbox.publish(SessionEvents.TOPIC, SessionEvents.SESSION_SCHEDULED, s.id.toString(), SessionView.of(s)))
                .replaceWith(() -> SessionView.of(s));
    }

    /** The session, or a 404 problem, for use inside a caller's session. */
    public Uni<LiveSession> require(UUID id) {
        return sessions.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("session", id));
    }

    /** The session with its row locked until the caller's transaction ends, or a 404 problem. */
    public Uni<LiveSession> lock(UUID id) {
        return sessions.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session", id));
    }

    @WithSession
    public Uni<LiveSession> find(UUID id) {
        return require(id);
    }

    @WithSession
    public Uni<Page<SessionView>> list(SessionRepository.Filter filter, PageRequest paging) {
        return paging.page(sessions.filtered(filter), SessionView::of);
    }

    @WithTransaction
    public Uni<SessionView> start(UUID id, SessionAccess.Caller caller) {
        return lock(id).map(caller::check).chain(s -> {
            if (s.status != SessionStatus.SCHEDULED) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("session", id, s.status, "start"));
            }
            s.status = SessionStatus.LIVE;
            s.startedAt = clock.now().truncatedTo(ChronoUnit.MILLIS);
            return change(s, SessionEvents.SESSION_STARTED);
        });
    }

    /** LIVE -> ENDED: the airtime stops now. SessionEnded follows once the allowed lateness is over ({@code SessionCloser}). */
    @WithTransaction
    public Uni<SessionView> end(UUID id, SessionAccess.Caller caller) {
        return lock(id).map(caller::check).chain(s -> {
            if (s.status != SessionStatus.LIVE) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("session", id, s.status, "end"));
            }
            OffsetDateTime now = clock.now().truncatedTo(ChronoUnit.MILLIS);
            s.status = SessionStatus.ENDED;
            s.endedAt = now.isAfter(s.startedAt) ? now : s.startedAt.plus(1, ChronoUnit.MILLIS);
            s.touch(now);
            return sessions.flush().replaceWith(() -> SessionView.of(s));
        });
    }

    @WithTransaction
    public Uni<SessionView> cancel(UUID id, SessionAccess.Caller caller) {
        return lock(id).map(caller::check).chain(s -> {
            if (s.status != SessionStatus.SCHEDULED) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("session", id, s.status, "cancel"));
            }
            s.status = SessionStatus.CANCELLED;
            s.cancelledAt = clock.now().truncatedTo(ChronoUnit.MILLIS);
            return change(s, SessionEvents.SESSION_CANCELLED);
        });
    }

    private Uni<SessionView> change(LiveSession s, String eventType) {
        s.touch(clock.now());
        return sessions.flush()
                .chain(() -> outbox.publish(SessionEvents.TOPIC, eventType, s.id.toString(), SessionView.of(s)))
                .replaceWith(() -> SessionView.of(s));
    }

    /**
     * A viewer reserves a SCHEDULED or LIVE session, once: a second call answers the first reservation. The
     * reservation goes to the stream as a RESERVATION telemetry event through the outbox (same transaction),
     * with an event id derived from session and viewer, so it counts once in the KPIs.
     */
    @WithTransaction
    public Uni<Reserved> reserve(UUID id, String viewerId, SessionAccess.Caller caller) {
        String viewer = viewerId.trim();
        return lock(id).map(caller::check).chain(s -> {
            if (s.status != SessionStatus.SCHEDULED && s.status != SessionStatus.LIVE) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("session", id, s.status, "reserve"));
            }
            OffsetDateTime now = clock.now().truncatedTo(ChronoUnit.MILLIS);
            return Panache.getSession().chain(db -> db.createNativeQuery(INSERT_RESERVATION)
                    .setParameter("session", id).setParameter("viewer", viewer).setParameter("at", now)
                    .executeUpdate()
                    .chain(inserted -> {
                        if (inserted == 0) {
                            return findReservation(id, viewer).map(r -> new Reserved(r, false));
                        }
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("type", "RESERVATION");
                        line.put("eventId", UUID.nameUUIDFromBytes(("reservation:" + id + ":" + viewer).getBytes(StandardCharsets.UTF_8)).toString());
                        line.put("time", now.toInstant().toString());
                        line.put("viewerId", viewer);
                        return outbox.publish(TelemetryTopics.TELEMETRY, "ViewerReserved", id.toString(), line)
                                .replaceWith(new Reserved(new ReservationView(id, viewer, now), true));
                    }));
        });
    }

    @WithSession
    public Uni<ReservationView> reservation(UUID id, String viewerId, SessionAccess.Caller caller) {
        return require(id).chain(caller::checkRead).chain(s -> findReservation(id, viewerId));
    }

    private Uni<ReservationView> findReservation(UUID id, String viewer) {
        return Panache.getSession().chain(db -> db.createNativeQuery(FIND_RESERVATION, OffsetDateTime.class)
                .setParameter("session", id).setParameter("viewer", viewer).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("reservation of viewer", viewer);
                    }
                    return new ReservationView(id, viewer, ((OffsetDateTime) rows.get(0)).withOffsetSameInstant(java.time.ZoneOffset.UTC));
                });
    }


    /** The close marker of an ended session went into the stream (SessionCloser); bookkeeping, no event. */
    @WithTransaction
    public Uni<Void> closeRequested(UUID id) {
        return lock(id).chain(s -> {
            if (s.finalizedAt != null || s.status != SessionStatus.ENDED) {
                return Uni.createFrom().voidItem();
            }
            s.closeRequestedAt = clock.now().truncatedTo(ChronoUnit.MILLIS);
            s.touch(clock.now());
            return sessions.flush().replaceWithVoid();
        });
    }

    /** What closing a session stores with it and publishes: its final GMV, its final KPIs (JSON) and SessionEnded's data. */
    public record FinalSummary(BigDecimal gmv, String kpisJson, Object sessionEnded) {
    }

    /**
     * The stream closed the session: its final KPIs are stored with it and SessionEnded (the final summary) goes to the
     * outbox, in one transaction, once per session (true when this call did it). {@code summary} computes them from the
     * locked, ended session (the KPI package knows how; this one only keeps and publishes them).
     */
    @WithTransaction
    public Uni<Boolean> finalizeSession(UUID id, Function<LiveSession, FinalSummary> summary) {
        return lock(id).chain(s -> {
            if (s.finalizedAt != null || s.status != SessionStatus.ENDED) {
                return Uni.createFrom().item(false);
            }
            FinalSummary f = summary.apply(s);
            s.finalizedAt = clock.now().truncatedTo(ChronoUnit.MILLIS);
            s.finalGmv = f.gmv();
            s.finalKpis = f.kpisJson();
            s.touch(clock.now());
            return sessions.flush()
                    .chain(() -> outbox.publish(SessionEvents.TOPIC, SessionEvents.SESSION_ENDED, s.id.toString(), f.sessionEnded()))
                    .replaceWith(true);
        });
    }
}
