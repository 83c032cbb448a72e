package com.livecommerce.session.kpi;

import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.session.session.SessionService;
import com.livecommerce.session.telemetry.TelemetryProducer;
import com.livecommerce.session.telemetry.TelemetryTopics;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Closes ended sessions once no late telemetry can arrive any more: after {@code endedAt + allowed lateness +
 * session.close.grace} (the grace covers a batch that was accepted just before the lateness ran out and is
 * still being produced) a SESSION_CLOSE marker goes into the session's partition of session-telemetry, behind
 * every accepted event; when the aggregation's snapshot says closed, the final KPIs are stored and SessionEnded
 * is published through the outbox, once per session. Runs every {@code session.close.every} (UTC), once per
 * period across replicas (ClusterJobs); a marker without an answer is sent again after a minute.
 */
@ApplicationScoped
public class SessionCloser {

    private static final Logger LOG = Logger.getLogger(SessionCloser.class);

    static final String DUE = "select id, ended_at from live_session where status = 'ENDED' and finalized_at is null"
            + " and close_requested_at is null and ended_at < $1 order by ended_at limit 100";
    static final String WAITING = "select id, ended_at, close_requested_at from live_session where close_requested_at is not null"
            + " and finalized_at is null order by close_requested_at limit 100";

    @Inject
    Pool pool;

    @Inject
    ClusterJobs jobs;

    @Inject
    UtcClock clock;

    @Inject
    TelemetryProducer producer;

    @Inject
    SessionService sessions;

    @Inject
    KpiService kpis;

    @Inject
    KpiStreams streams;

    @ConfigProperty(name = "session.telemetry.allowed-lateness", defaultValue = "PT5M")
    Duration allowedLateness;

    @ConfigProperty(name = "session.close.grace", defaultValue = "PT30S")
    Duration grace;

    @ConfigProperty(name = "session.close.every", defaultValue = "5s")
    String every;

    @Scheduled(identity = "session-close", every = "{session.close.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick(ScheduledExecution execution) {
        long seconds = Math.max(1, Duration.parse("PT" + every.toUpperCase()).toSeconds());
        String period = String.valueOf(execution.getScheduledFireTime().getEpochSecond() / seconds);
        return jobs.runOnce("session-close", period, Duration.ofSeconds(60), this::closeDue)
                .onFailure().invoke(e -> LOG.warnf("closing ended sessions failed, retried at the next run: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One pass: markers for sessions whose lateness is over, final KPIs for those the stream closed. */
    public Uni<Void> closeDue() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        java.util.concurrent.Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        OffsetDateTime now = clock.now();
        OffsetDateTime due = now.minus(allowedLateness).minus(grace);
        Uni<Void> markers = pool.preparedQuery(DUE).execute(Tuple.of(due)).chain(rows -> each(rows, row -> {
            UUID id = row.getUUID("id");
            return sendMarker(id, row.getOffsetDateTime("ended_at")).emitOn(onContext).chain(() -> sessions.closeRequested(id));
        }));
        Uni<Void> finals = pool.preparedQuery(WAITING).execute().chain(rows -> each(rows, row -> {
            UUID id = row.getUUID("id");
            Optional<KpiSnapshot> snapshot;
            try {
                snapshot = streams.snapshot(id);
            } catch (KpiStreams.KpisUnavailable e) {
                return Uni.createFrom().voidItem();
            }
            if (snapshot.isPresent() && snapshot.get().closed()) {
                return kpis.session(id).chain(s -> kpis.baseline(s.merchantId, s.id, s.startedAt)).emitOn(onContext)
                        .chain(baseline -> sessions.finalizeSession(id, snapshot.get(), baseline, kpis.bestsellerThreshold()))
                        .invoke(done -> {
                            if (done) {
                                LOG.infof("session %s closed: final KPIs stored, SessionEnded published", id);
                            }
                        })
                        .replaceWithVoid();
            }
            OffsetDateTime requested = row.getOffsetDateTime("close_requested_at");
            return requested.isBefore(now.minusMinutes(1)) ? sendMarker(id, row.getOffsetDateTime("ended_at")).emitOn(onContext)
                    : Uni.createFrom().voidItem();
        }));
        return markers.chain(() -> finals);
    }

    private static Uni<Void> each(io.vertx.mutiny.sqlclient.RowSet<Row> rows, java.util.function.Function<Row, Uni<Void>> action) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Row row : rows) {
            all = all.chain(() -> action.apply(row));
        }
        return all;
    }

    private Uni<Void> sendMarker(UUID id, OffsetDateTime endedAt) {
        String marker = "{\"type\":\"SESSION_CLOSE\",\"eventId\":\"close-" + id + "\",\"time\":\""
                + endedAt.withOffsetSameInstant(ZoneOffset.UTC).toInstant() + "\"}";
        return Uni.createFrom().completionStage(() -> producer.send(new ProducerRecord<>(TelemetryTopics.TELEMETRY,
                id.toString().getBytes(StandardCharsets.UTF_8), marker.getBytes(StandardCharsets.UTF_8))));
    }
}
