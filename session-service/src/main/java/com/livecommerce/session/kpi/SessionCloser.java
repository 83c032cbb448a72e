package com.livecommerce.session.kpi;

import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.time.UtcClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.session.session.LiveSession;
import com.livecommerce.session.session.SessionService;
import com.livecommerce.session.telemetry.SubKeys;
import com.livecommerce.session.telemetry.TelemetryChunk;
import com.livecommerce.session.telemetry.TelemetryEvent;
import com.livecommerce.session.telemetry.TelemetryProducer;
import com.livecommerce.session.telemetry.TelemetryTopics;
import com.livecommerce.session.telemetry.TelemetryType;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Closes ended sessions once no late telemetry can arrive any more: after {@code endedAt + allowed lateness +
 * session.close.grace} (the grace covers a batch that was accepted just before the lateness ran out and is
 * still being produced) a SESSION_CLOSE marker goes to each of the session's sub-keys in session-telemetry, behind
 * every accepted event of that sub-key; when the merged snapshot says closed (every sub-key closed), the final KPIs are stored and SessionEnded
 * is published through the outbox, once per session. Runs every {@code session.close.every} (UTC), once per
 * period across replicas (ClusterJobs); a marker without an answer is sent again after a minute.
 */
@ApplicationScoped
public class SessionCloser {

    private static final Logger LOG = Logger.getLogger(SessionCloser.class);

    static final String DUE = "select id, started_at, ended_at, planned_minutes, telemetry_sub_keys from live_session"
            + " where status = 'ENDED' and finalized_at is null and close_requested_at is null and ended_at < $1 order by ended_at limit 100";
    static final String WAITING = "select id, started_at, ended_at, planned_minutes, telemetry_sub_keys, close_requested_at"
            + " from live_session where close_requested_at is not null and finalized_at is null order by close_requested_at limit 100";

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

    @Inject
    ObjectMapper mapper;

    private static final RecordHeaders CHUNK_HEADERS = new RecordHeaders(
            new RecordHeader[] {new RecordHeader(TelemetryChunk.FORMAT_HEADER, TelemetryChunk.FORMAT_2)});

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
            return sendMarkers(row).emitOn(onContext).chain(() -> sessions.closeRequested(id));
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
                        .chain(baseline -> sessions.finalizeSession(id, s -> summary(s, snapshot.get(), baseline)))
                        .invoke(done -> {
                            if (done) {
                                LOG.infof("session %s closed: final KPIs stored, SessionEnded published", id);
                            }
                        })
                        .replaceWithVoid();
            }
            OffsetDateTime requested = row.getOffsetDateTime("close_requested_at");
            return requested.isBefore(now.minusMinutes(1)) ? sendMarkers(row).emitOn(onContext) : Uni.createFrom().voidItem();
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

    /** The final KPIs of the locked, ended session from the stream's closed snapshot, and SessionEnded's data. */
    private SessionService.FinalSummary summary(LiveSession s, KpiSnapshot snapshot, java.math.BigDecimal baseline) {
        SessionKpis k = KpiCalculator.compute(KpiService.facts(s), snapshot, baseline, clock.instant(), kpis.bestsellerThreshold());
        try {
            return new SessionService.FinalSummary(k.gmv(), mapper.writeValueAsString(k), SessionEndedData.of(s, k));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SESSION_CLOSE marker to every sub-key of the session, each behind the sub-key's accepted events (same partition). */
    private Uni<Void> sendMarkers(Row row) {
        UUID id = row.getUUID("id");
        int subKeys = row.getInteger("telemetry_sub_keys");
        OffsetDateTime started = row.getOffsetDateTime("started_at");
        long endedMs = row.getOffsetDateTime("ended_at").toInstant().toEpochMilli();
        return Uni.createFrom().completionStage(() -> {
            int partitions = producer.partitions();
            java.util.concurrent.CompletableFuture<?>[] sends = new java.util.concurrent.CompletableFuture<?>[subKeys];
            for (int k = 0; k < subKeys; k++) {
                TelemetryChunk.Writer marker = new TelemetryChunk.Writer(id, k, subKeys,
                        started == null ? 0 : started.toInstant().toEpochMilli(), row.getInteger("planned_minutes"));
                marker.add(new TelemetryEvent(TelemetryType.SESSION_CLOSE, "close-" + id + "/" + k, endedMs, null, null, null, false,
                        null, 0, null));
                sends[k] = producer.send(new ProducerRecord<>(TelemetryTopics.TELEMETRY, SubKeys.partition(id, k, partitions),
                        SubKeys.key(id, k), marker.toBytes(), CHUNK_HEADERS));
            }
            return java.util.concurrent.CompletableFuture.allOf(sends);
        }).replaceWithVoid();
    }
}
