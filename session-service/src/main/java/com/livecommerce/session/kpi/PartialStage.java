package com.livecommerce.session.kpi;

import com.fasterxml.jackson.core.JsonFactory;
import com.livecommerce.session.telemetry.TelemetryChunk;
import com.livecommerce.session.telemetry.TelemetryEvent;
import com.livecommerce.session.telemetry.TelemetryParser;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The partial stage of one partition: applies each record of {@code session-telemetry} to the partition's
 * {@link PartialStore} exactly once, by offset. The store remembers the offset it applied last, in the same atomic batch
 * as the changes, so before a record at offset {@code o} it is
 * <ul>
 * <li>right behind it ({@code o - 1}): the usual case;</li>
 * <li>behind it (a crash lost the writes since the last flush, the partition moved here from another instance, or the
 * database is new): it is caught up by reading {@code [applied + 1, o)} from the partition ({@link Log}) without
 * forwarding anything (those records' deltas went out in transactions that committed); if some of those records are
 * gone (retention), it is rebuilt from the partition's start instead;</li>
 * <li>ahead of it (the Streams transaction that carried later records' deltas aborted, and Streams went back to the
 * committed offset): it is wiped and rebuilt from the start of the partition.</li>
 * </ul>
 * The partition is the stage's changelog: the topic's retention ({@code retention.ms}, 7 days) must exceed a session's
 * life. Records are read in either format: 2, a chunk ({@link TelemetryChunk}); 1, one JSON line (the outbox's
 * reservations, older records). An unreadable record is skipped, with a warning.
 */
final class PartialStage implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartialStage.class);

    /**
     * Reads a partition's records with offsets in {@code [from, to)}, in order; from its start when {@code from} is 0 and the
     * start is later (retention), and throws {@link Gap} when a later {@code from} is gone.
     */
    interface Log {
        void read(long from, long to, Handler handler);
    }

    /** The records from an offset on are gone (retention): a store that stopped there cannot be caught up, only rebuilt. */
    static final class Gap extends RuntimeException {
        Gap(String message) {
            super(message, null, false, false);
        }
    }

    /** One record of the partition. */
    interface Handler {
        void record(long offset, byte[] key, byte[] value, byte[] formatHeader, byte[] windowHeader);
    }

    private final PartialStore store;
    private final ChunkAggregation aggregation;
    private final Log log;
    private final TelemetryParser parser = new TelemetryParser(new JsonFactory());
    private long caughtUp;
    private long rebuilt;

    PartialStage(PartialStore store, Log log) {
        this.store = store;
        this.aggregation = new ChunkAggregation(store);
        this.log = log;
    }

    /** Applies the record at {@code offset}; its delta to forward, or null (nothing counted: closed, unreadable). */
    PartialDelta process(long offset, byte[] key, byte[] value, byte[] formatHeader, byte[] windowHeader) {
        catchUpTo(offset);
        return apply(offset, key, value, formatHeader, windowHeader);
    }

    /**
     * Brings the store to the state just before the record at {@code next}: reads the partition's records from the
     * store's applied offset on (a store that fell behind: lost, or its partition moved away and back), or rebuilds it from
     * the partition's start when it is ahead ({@code next} at or below its applied offset: a transaction it applied was
     * aborted) or its records are gone (retention). Called when a task starts with the group's committed offset (nothing
     * else to do on the thread, no transaction open), and before each record (normally nothing to do).
     */
    void catchUpTo(long next) {
        long applied = store.applied();
        if (next <= applied) {
            LOG.warnf("partial store %s is ahead of the committed offsets (applied %d, next record %d): rebuilding it from the"
                    + " partition", store, applied, next);
            store.wipe();
            rebuilt++;
            applied = -1;
        }
        if (next > applied + 1) {
            long from = applied + 1;
            long started = System.nanoTime();
            long[] count = {0};
            try {
                log.read(from, next, (o, k, v, f, w) -> {
                    apply(o, k, v, f, w);
                    count[0]++;
                });
            } catch (Gap gap) { // a store that stopped long ago (its partition moved away, then back): never apply with a hole
                LOG.warnf("partial store %s cannot be caught up (%s): rebuilding it from the partition", store, gap.getMessage());
                store.wipe();
                rebuilt++;
                from = 0;
                log.read(0, next, (o, k, v, f, w) -> {
                    apply(o, k, v, f, w);
                    count[0]++;
                });
            }
            caughtUp += count[0];
            if (count[0] > 0) {
                LOG.infof("partial store caught up: %d records [%d, %d) in %d ms", count[0], from, next,
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** Records applied while catching up or rebuilding (not forwarded), and rebuilds from the start. */
    long caughtUp() {
        return caughtUp;
    }

    long rebuilt() {
        return rebuilt;
    }

    PartialStore store() {
        return store;
    }

    private PartialDelta apply(long offset, byte[] key, byte[] value, byte[] formatHeader, byte[] windowHeader) {
        byte[] chunk = null;
        try {
            chunk = TelemetryChunk.isChunk(formatHeader) ? value : fromLine(key, value, windowHeader);
            return aggregation.apply(chunk, offset);
        } catch (IllegalArgumentException | TelemetryParser.Rejected e) {
            LOG.warnf("skipping an unreadable telemetry record at offset %d (key %s): %s", offset,
                    key == null ? null : new String(key, StandardCharsets.UTF_8), e.getMessage());
            store.commit(new PartialStore.Batch(), offset);
            return null;
        }
    }

    /** A format-1 record (one JSON line) as a chunk of one event. */
    private byte[] fromLine(byte[] key, byte[] value, byte[] windowHeader) throws TelemetryParser.Rejected {
        if (key == null || value == null) {
            throw new IllegalArgumentException("no key or no value");
        }
        String k = new String(key, StandardCharsets.UTF_8);
        int slash = k.indexOf('/');
        UUID session = UUID.fromString(slash < 0 ? k : k.substring(0, slash));
        int subKey = slash < 0 ? 0 : Integer.parseInt(k.substring(slash + 1));
        long startedAtMs = 0;
        int plannedMinutes = 0;
        if (windowHeader != null) { // "<startedAt epoch ms>/<planned minutes>", written with format-1 records
            String[] parts = new String(windowHeader, StandardCharsets.UTF_8).split("/");
            startedAtMs = Long.parseLong(parts[0]);
            plannedMinutes = Integer.parseInt(parts[1]);
        }
        TelemetryEvent event = parser.parse(value, 0, value.length, null);
        TelemetryChunk.Writer w = new TelemetryChunk.Writer(session, subKey, subKey + 1, startedAtMs, plannedMinutes);
        w.add(event);
        return w.toBytes();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "PartialStage[" + store + "]";
    }
}
