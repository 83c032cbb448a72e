package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.SubKeys;
import com.livecommerce.session.telemetry.TelemetryChunk;
import com.livecommerce.session.telemetry.TelemetryEvent;
import com.livecommerce.session.telemetry.TelemetryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Runs the two stages of the KPI aggregation the way Kafka Streams runs them, without Kafka: one log per sub-key (a
 * partition: the records in offset order), one {@link PartialStage} per log on a real RocksDB database, a transaction per
 * few records (the deltas of an aborted transaction are thrown away and processing goes back to the last committed
 * offset, as exactly_once_v2 does), restarts that keep the database, and crashes that lose it; then the {@link MergeStage}
 * over the committed deltas of all sub-keys, interleaved at random.
 */
final class AggregationHarness implements AutoCloseable {

    /** A record of a partition: key, value, format header. */
    record LogRecord(byte[] key, byte[] value, byte[] format) {
    }

    private final Path dir;
    private final Random random;
    final List<List<LogRecord>> logs = new ArrayList<>();
    private final List<PartialStage> stages = new ArrayList<>();
    final List<Deque<byte[]>> committed = new ArrayList<>();
    int restarts, crashes, aborts;

    AggregationHarness(Path dir, Random random, int subKeys) {
        this.dir = dir;
        this.random = random;
        for (int k = 0; k < subKeys; k++) {
            logs.add(new ArrayList<>());
            committed.add(new ArrayDeque<>());
            stages.add(null);
        }
    }

    /** What the ingestion does with one request: the events to their sub-keys, in chunks of at most {@code chunkEvents}. */
    void ingest(UUID session, long startedAtMs, int plannedMinutes, List<TelemetryEvent> batch, int chunkEvents) {
        int n = logs.size();
        TelemetryChunk.Writer[] writers = new TelemetryChunk.Writer[n];
        for (TelemetryEvent e : batch) {
            int k = SubKeys.of(e, n);
            if (writers[k] == null) {
                writers[k] = new TelemetryChunk.Writer(session, k, n, startedAtMs, plannedMinutes);
            }
            writers[k].add(e);
            if (writers[k].count() >= chunkEvents) {
                append(k, session, writers[k]);
            }
        }
        for (int k = 0; k < n; k++) {
            if (writers[k] != null && writers[k].count() > 0) {
                append(k, session, writers[k]);
            }
        }
    }

    private void append(int k, UUID session, TelemetryChunk.Writer w) {
        logs.get(k).add(new LogRecord(SubKeys.key(session, k), w.toBytes(), TelemetryChunk.FORMAT_2));
        w.clear();
    }

    /** A format-1 record (a JSON line, as the outbox writes reservations) to sub-key 0. */
    void line(UUID session, String json) {
        logs.get(0).add(new LogRecord(session.toString().getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), null));
    }

    /** The close marker to every sub-key, as SessionCloser sends it. */
    void close(UUID session, long startedAtMs, int plannedMinutes, long endedMs) {
        int n = logs.size();
        for (int k = 0; k < n; k++) {
            TelemetryChunk.Writer w = new TelemetryChunk.Writer(session, k, n, startedAtMs, plannedMinutes);
            w.add(new TelemetryEvent(TelemetryType.SESSION_CLOSE, "close-" + session + "/" + k, endedMs, null, null, null, false, null, 0,
                    null));
            append(k, session, w);
        }
    }

    /** Runs the partial stage of every sub-key over its whole log, with restarts, crashes and aborted transactions. */
    void runPartials() {
        for (int k = 0; k < logs.size(); k++) {
            List<LogRecord> log = logs.get(k);
            int position = 0;       // the committed offset: where processing resumes
            while (position < log.size()) {
                boolean starting = stages.get(k) == null;
                PartialStage stage = stage(k);
                if (starting && random.nextBoolean()) { // the task starts: caught up to the committed offset (its init)
                    stage.catchUpTo(position);
                }
                int transaction = 1 + random.nextInt(6);
                List<byte[]> pending = new ArrayList<>();
                int offset = position;
                for (; offset < Math.min(log.size(), position + transaction); offset++) {
                    LogRecord r = log.get(offset);
                    PartialDelta d = stage.process(offset, r.key(), r.value(), r.format(), null);
                    if (d != null) {
                        pending.add(d.encode());
                    }
                }
                int fate = random.nextInt(20);
                if (fate == 0) { // the transaction aborts: its deltas are lost, processing goes back to the committed offset
                    aborts++;
                    if (random.nextBoolean()) { // the task is closed dirty and started again (its store is ahead)
                        stage.close();
                        stages.set(k, null);
                    }
                    continue;
                }
                committed.get(k).addAll(pending);
                position = offset;
                if (fate == 1) { // a clean restart: the database stays
                    restarts++;
                    stage.close();
                    stages.set(k, null);
                } else if (fate == 2) { // a crash that loses the database (or the partition moves to a new instance)
                    crashes++;
                    stage.store().wipe();
                    stage.close();
                    stages.set(k, null);
                }
            }
        }
    }

    private PartialStage stage(int k) {
        PartialStage stage = stages.get(k);
        if (stage == null) {
            List<LogRecord> log = logs.get(k);
            stage = new PartialStage(PartialStore.open(dir.resolve("partial-" + k), Map.of()), (from, to, handler) -> {
                for (long o = Math.max(0, from); o < to; o++) {
                    LogRecord r = log.get((int) o);
                    handler.record(o, r.key(), r.value(), r.format(), null);
                }
            });
            stages.set(k, stage);
        }
        return stage;
    }

    /** The merge stage over every committed delta, the sub-keys interleaved at random (each in its own order). */
    KpiSnapshot merge(UUID session) {
        try (RocksMergeStore store = new RocksMergeStore(dir.resolve("merge"))) {
            MergeStage merge = new MergeStage(store);
            List<Deque<byte[]>> queues = new ArrayList<>();
            committed.forEach(q -> queues.add(new ArrayDeque<>(q)));
            KpiSnapshot last = null;
            while (queues.stream().anyMatch(q -> !q.isEmpty())) {
                Deque<byte[]> q = queues.get(random.nextInt(queues.size()));
                if (q.isEmpty()) {
                    continue;
                }
                if (merge.apply(PartialDelta.decode(q.poll()))) {
                    last = merge.publish(session, 0);
                } else if (random.nextInt(10) == 0) {
                    merge.publish(session, 0); // a snapshot in between changes nothing
                }
            }
            return last;
        }
    }

    @Override
    public void close() {
        stages.forEach(s -> {
            if (s != null) {
                s.close();
            }
        });
    }
}
