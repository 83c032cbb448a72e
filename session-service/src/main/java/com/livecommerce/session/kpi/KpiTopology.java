package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.TelemetryTopics;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The KPI aggregation, built without CDI (a test runs a second instance from it), in two stages:
 * <ol>
 * <li>partial: {@code session-telemetry} (chunks, keyed by session sub-key) -> {@link PartialAggregator} (the distinct
 * sets in a RocksDB database per partition, caught up from the partition itself, no changelog) ->
 * {@code session-kpi-partials} (one {@link PartialDelta} per chunk, keyed by session id);</li>
 * <li>merge: {@code session-kpi-partials} -> {@link MergeAggregator} (store {@value #MERGED}: totals, per-second
 * concurrency, products; changelogged, no record cache) -> {@code session-kpi-snapshots} (compacted) -> global store
 * {@value #SNAPSHOTS} on every instance, which is what GET /sessions/{id}/kpis reads: any instance answers for any
 * session, whoever owns its partitions.</li>
 * </ol>
 * Everything runs with exactly_once_v2: a chunk's offset, its delta, the merge's store changes and the snapshots commit
 * together.
 */
public final class KpiTopology {

    public static final String MERGED = "session-merged";
    public static final String SNAPSHOTS = "kpi-snapshots";
    public static final String PARTIALS_TOPIC = "session-kpi-partials";
    public static final String SNAPSHOT_TOPIC = "session-kpi-snapshots";

    private KpiTopology() {
    }

    /**
     * @param snapshotInterval how often a changed session publishes a snapshot at most (wall clock)
     * @param replayTimeout    how long the partial stage may take to read a range of its partition (catching up)
     */
    public static Topology build(Duration snapshotInterval, Duration replayTimeout) {
        Topology t = new Topology();
        t.addSource("telemetry", new ByteArrayDeserializer(), new ByteArrayDeserializer(), TelemetryTopics.TELEMETRY);
        t.addProcessor("partial", () -> new PartialAggregator(replayTimeout), "telemetry");
        t.addSink("partials", PARTIALS_TOPIC, new StringSerializer(), new ByteArraySerializer(), "partial");
        t.addSource("partials-in", new StringDeserializer(), new ByteArrayDeserializer(), PARTIALS_TOPIC);
        t.addProcessor("merge", () -> new MergeAggregator(snapshotInterval), "partials-in");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MERGED), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled(), "merge");
        t.addSink("snapshots", SNAPSHOT_TOPIC, new StringSerializer(), new ByteArraySerializer(), "merge");
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SNAPSHOTS), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(), "snapshot-source", new StringDeserializer(), new ByteArrayDeserializer(), SNAPSHOT_TOPIC,
                "snapshot-loader", SnapshotLoader::new);
        return t;
    }

    /** Keeps the latest snapshot of each session in the global store. */
    static final class SnapshotLoader implements Processor<String, byte[], Void, Void> {

        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(SNAPSHOTS);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() != null) {
                store.put(record.key(), record.value());
            }
        }
    }
}
