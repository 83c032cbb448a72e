package com.livecommerce.plumbing.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Relays outbox rows to Kafka and marks each sent once the broker acknowledged it. Sends each row
 * as a CloudEvent (binary mode: {@code ce_*} headers, the JSON payload as value, the aggregate id
 * as key).
 * <p>
 * Per-key order holds across replicas: a relay claims whole keys, not rows. In one transaction it
 * takes the keys of the oldest unsent rows, keeps those whose advisory lock
 * ({@code pg_try_advisory_xact_lock(<namespace>, hashtext(key))}) it gets, then reads (in a second
 * statement, with a fresh snapshot) and sends every unsent row of those keys in {@code seq} order,
 * one after the other; a second relay skips a key while the first holds it, so it can never send a
 * later event of that key first, nor one the first has already sent. (Rows of one
 * aggregate are written under the aggregate's row lock, so their {@code seq} order is their commit
 * order.) A row that fails stays unsent, and so does every later row of its key: the key is
 * retried as a whole on the next poll. Delivery is at least once; consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Namespace of the relay's advisory locks (two-int form, apart from any single-key lock). */
    static final int LOCK_NAMESPACE = 0x0B0C5;

    /**
     * Step 1 of a claim: of the keys of the oldest $1 unsent rows (at most $2 keys, oldest first),
     * those whose advisory lock this transaction gets. The lock is held until the transaction ends.
     */
    private static final String CLAIM_KEYS = "with oldest as materialized ("
            + "   select event_key, min(seq) as first_seq from ("
            + "     select event_key, seq from outbox_event where sent_at is null order by seq limit $1) head"
            + "   group by event_key order by first_seq limit $2)"
            + " select event_key from oldest where pg_try_advisory_xact_lock(" + LOCK_NAMESPACE + ", hashtext(event_key))";

    /**
     * Step 2: the unsent rows of the claimed keys, in order. A statement of its own, so it reads a
     * snapshot taken after the locks were granted: rows another relay sent and committed before
     * releasing a key are seen as sent (in step 1's snapshot they could still look unsent).
     */
    private static final String CLAIM_ROWS = "select seq, id, topic, event_key, type, source, subject, occurred_at, payload::text"
            + " from outbox_event where sent_at is null and event_key = any($1) order by seq limit $2";
    private static final String MARK_SENT = "update outbox_event set sent_at = now(), attempts = attempts + 1,"
            + " last_error = null where seq = any($1)";
    /** The backlog: unsent rows and the age of the oldest (the same for every replica: one database). */
    private static final String BACKLOG = "select count(*) as pending,"
            + " coalesce(extract(epoch from now() - min(occurred_at)), 0)::bigint as oldest_seconds from outbox_event where sent_at is null";
    private static final String MARK_FAILED = "update outbox_event set attempts = attempts + 1, last_error = $2 where seq = any($1)";

    @Inject
    Pool pool;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "suite.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "suite.outbox.keys-per-batch", defaultValue = "50")
    int keysPerBatch;

    @ConfigProperty(name = "suite.outbox.max-batches-per-run", defaultValue = "20")
    int maxBatchesPerRun;

    @ConfigProperty(name = "suite.outbox.poll-interval", defaultValue = "0.1s")
    Duration pollInterval;

    @ConfigProperty(name = "suite.outbox.enabled", defaultValue = "true")
    boolean enabled;

    /** How often the backlog gauges are refreshed from the table (one small query, never on the scrape's thread). */
    @ConfigProperty(name = "suite.outbox.backlog-interval", defaultValue = "15s")
    Duration backlogInterval;

    @Inject
    Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile int failedRuns;
    private volatile long pauseUntil;
    private volatile long timer = -1;
    private volatile long backlogTimer = -1;
    private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong oldestPendingSeconds = new java.util.concurrent.atomic.AtomicLong();

    private Counter relayed;
    private Counter failed;

    @PostConstruct
    void meters() {
        relayed = registry.counter("outbox.events.relayed");
        failed = registry.counter("outbox.events.failed");
        // Prometheus: outbox_events_pending, outbox_events_oldest_pending_seconds (the runbook's LivecommerceOutboxBacklog)
        registry.gauge("outbox.events.pending", pending);
        registry.gauge("outbox.events.oldest.pending.seconds", oldestPendingSeconds);
    }

    /** Refreshes the backlog gauges: unsent rows, and how long the oldest has waited. */
    public Uni<Void> measureBacklog() {
        return pool.query(BACKLOG).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            pending.set(row.getLong("pending"));
            oldestPendingSeconds.set(row.getLong("oldest_seconds"));
        }).replaceWithVoid();
    }

    /**
     * Polls on a Vert.x timer ({@code suite.outbox.poll-interval}, default 100 ms: the scheduler
     * extension cannot go below one second, too slow for event propagation), one run at a time.
     */
    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        vertx.setTimer(1000, first -> timer = vertx.setPeriodic(pollInterval.toMillis(), tick -> poll()));
        backlogTimer = vertx.setPeriodic(1000, backlogInterval.toMillis(), tick -> measureBacklog().subscribe().with(
                ok -> { }, e -> LOG.debugf("outbox backlog not measured: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (backlogTimer >= 0) {
            vertx.cancelTimer(backlogTimer);
        }
    }

    void poll() {
        if (System.nanoTime() < pauseUntil || !running.compareAndSet(false, true)) {
            return;
        }
        drain().invoke(sent -> failedRuns = 0)
                .onFailure().invoke(e -> {
                    // the database is away: back off (0.2 s doubling to 5 s) instead of failing ten times a second
                    failedRuns++;
                    long pauseMs = Math.min(5000, 100L << Math.min(failedRuns, 6));
                    pauseUntil = System.nanoTime() + pauseMs * 1_000_000;
                    LOG.warnf("outbox relay run failed, retrying in %d ms: %s", pauseMs, e.getMessage());
                })
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> running.set(false))
                .subscribe().with(sent -> { }, e -> { });
    }

    /** Relays until no unsent row is left (or a row fails, or the per-run cap is hit); returns rows sent. */
    public Uni<Integer> drain() {
        return drain(0, 0);
    }

    private Uni<Integer> drain(int batchesDone, int sentSoFar) {
        return relayBatch().chain(result -> {
            int total = sentSoFar + result.sent;
            if (result.claimed == batchSize && result.failed == 0 && batchesDone + 1 < maxBatchesPerRun) {
                return drain(batchesDone + 1, total);
            }
            return Uni.createFrom().item(total);
        });
    }

    record BatchResult(int claimed, int sent, int failed) {
    }

    Uni<BatchResult> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM_KEYS).execute(Tuple.of(batchSize * 4, keysPerBatch))
                .chain(keys -> {
                    List<String> claimed = new ArrayList<>();
                    keys.forEach(k -> claimed.add(k.getString("event_key")));
                    return claimed.isEmpty() ? Uni.createFrom().item(List.<Row>of())
                            : conn.preparedQuery(CLAIM_ROWS).execute(Tuple.of(claimed.toArray(String[]::new), batchSize))
                                    .map(rows -> {
                                        List<Row> list = new ArrayList<>();
                                        rows.forEach(list::add);
                                        return list;
                                    });
                })
                .chain(rows -> {
                    Map<String, List<Row>> byKey = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byKey.computeIfAbsent(row.getString("event_key"), k -> new ArrayList<>()).add(row);
                    }
                    if (byKey.isEmpty()) {
                        return Uni.createFrom().item(new BatchResult(0, 0, 0));
                    }
                    // filled from Kafka producer threads as acknowledgements arrive
                    Queue<Long> sent = new ConcurrentLinkedQueue<>();
                    Queue<Long> notSent = new ConcurrentLinkedQueue<>();
                    Queue<String> errors = new ConcurrentLinkedQueue<>();
                    return Multi.createFrom().iterable(byKey.values())
                            .onItem().transformToUni(group -> sendInOrder(group, sent, notSent, errors))
                            .merge()
                            .collect().last()
                            .chain(ignored -> mark(conn, sent, notSent, errors))
                            .replaceWith(() -> new BatchResult(rows.size(), sent.size(), notSent.size()));
                }));
    }

    /** Sends one key's rows one after the other; after a failure the rest of the key waits for the next poll. */
    private Uni<Void> sendInOrder(List<Row> group, Queue<Long> sent, Queue<Long> notSent, Queue<String> errors) {
        Uni<Boolean> chain = Uni.createFrom().item(true);
        for (Row row : group) {
            long seq = row.getLong("seq");
            chain = chain.chain(previousOk -> {
                if (!previousOk) {
                    notSent.add(seq);
                    return Uni.createFrom().item(false);
                }
                return send(row)
                        .onItem().transform(v -> {
                            sent.add(seq);
                            return true;
                        })
                        .onFailure().recoverWithItem(e -> {
                            errors.add(String.valueOf(e.getMessage()));
                            notSent.add(seq);
                            return false;
                        });
            });
        }
        return chain.replaceWithVoid();
    }

    private Uni<Void> send(Row row) {
        OffsetDateTime time = row.getOffsetDateTime("occurred_at");
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(row.getUUID("id").toString())
                .withSource(URI.create(row.getString("source")))
                .withType(row.getString("type"))
                .withSubject(row.getString("subject"))
                .withTimestamp(time.toZonedDateTime())
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("event_key"))
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(ce).addMetadata(kafka));
    }

    private Uni<Void> mark(SqlConnection conn, Queue<Long> sent, Queue<Long> notSent, Queue<String> errors) {
        Uni<Void> done = Uni.createFrom().voidItem();
        if (!sent.isEmpty()) {
            relayed.increment(sent.size());
            done = done.chain(() -> conn.preparedQuery(MARK_SENT).execute(Tuple.of(sent.toArray(Long[]::new))).replaceWithVoid());
        }
        if (!notSent.isEmpty()) {
            failed.increment(notSent.size());
            String error = errors.isEmpty() ? "waiting behind a failed event of the same key" : errors.peek();
            LOG.warnf("outbox: %d event(s) not relayed yet (%s); retrying on the next poll", notSent.size(), error);
            done = done.chain(() -> conn.preparedQuery(MARK_FAILED)
                    .execute(Tuple.of(notSent.toArray(Long[]::new), error)).replaceWithVoid());
        }
        return done;
    }

    /** For tests and tooling: the id of each event still waiting to be relayed. */
    public Uni<List<UUID>> pendingIds() {
        return pool.query("select id from outbox_event where sent_at is null order by seq").execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return ids;
                });
    }
}
