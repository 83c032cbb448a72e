package com.livecommerce.session.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Streams processor of the merge stage ({@link MergeStage} over the changelogged store {@value KpiTopology#MERGED}):
 * a changed session's snapshot goes to {@code session-kpi-snapshots} at once if its last one is older than the snapshot
 * interval, else at the next wall-clock punctuation (so a hot session gets one every interval, and a quiet one is fresh
 * at once); a session's final snapshot goes out when its last sub-key closes.
 */
final class MergeAggregator implements Processor<String, byte[], String, byte[]> {

    /**
     * How old a delta's chunk is (since it was produced) when the merge stage adds it: the lag of both stages and of the
     * transaction between them.
     */
    static final io.micrometer.core.instrument.Timer LAG = io.micrometer.core.instrument.Timer.builder("telemetry.merge.lag")
            .description("age of a telemetry chunk when the merge stage adds its delta").register(io.micrometer.core.instrument.Metrics.globalRegistry);

    private final Duration snapshotInterval;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<UUID> dirty = new LinkedHashSet<>();
    private final Map<UUID, Long> lastPublished = new HashMap<>();
    private ProcessorContext<String, byte[]> context;
    private MergeStage stage;

    MergeAggregator(Duration snapshotInterval) {
        this.snapshotInterval = snapshotInterval;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(KpiTopology.MERGED);
        stage = new MergeStage(new StreamsStore(store));
        dirty.addAll(stage.pending());
        context.schedule(snapshotInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishDirty(now));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        PartialDelta d = PartialDelta.decode(record.value());
        long now = context.currentSystemTimeMs();
        LAG.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (stage.apply(d)) {
            dirty.remove(d.session);
            publish(d.session, now);
            lastPublished.remove(d.session);
            return;
        }
        if (now - lastPublished.getOrDefault(d.session, 0L) >= snapshotInterval.toMillis()) {
            dirty.remove(d.session);
            publish(d.session, now);
        } else {
            dirty.add(d.session);
        }
    }

    private void publishDirty(long now) {
        for (UUID session : dirty) {
            publish(session, now);
        }
        dirty.clear();
    }

    private void publish(UUID session, long now) {
        KpiSnapshot snapshot = stage.publish(session, System.currentTimeMillis());
        if (!snapshot.closed()) {
            lastPublished.put(session, now);
        }
        try {
            context.forward(new Record<>(session.toString(), json.writeValueAsBytes(snapshot), now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link MergeStage.Store} over a Streams key-value store. */
    record StreamsStore(KeyValueStore<Bytes, byte[]> store) implements MergeStage.Store {
        @Override
        public byte[] get(byte[] key) {
            return store.get(Bytes.wrap(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            store.put(Bytes.wrap(key), value);
        }

        @Override
        public void delete(byte[] key) {
            store.delete(Bytes.wrap(key));
        }

        @Override
        public void scan(byte[] prefix, BiConsumer<byte[], byte[]> each) {
            try (KeyValueIterator<Bytes, byte[]> it = prefix.length == 0 ? store.all()
                    : store.prefixScan(Bytes.wrap(prefix), Serdes.Bytes().serializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    each.accept(kv.key.get(), kv.value);
                }
            }
        }
    }
}
