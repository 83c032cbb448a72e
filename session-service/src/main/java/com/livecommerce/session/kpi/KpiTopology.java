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
 * The KPI aggregation, built without CDI (a test runs a second instance from it):
 * {@code session-telemetry} -> {@link TelemetryAggregator} (stores {@value #AGGREGATES}, {@value #MEMBERS},
 * {@value #DEDUP}, all RocksDB, changelogged) -> {@code session-kpi-snapshots} (compacted) -> global store
 * {@value #SNAPSHOTS} on every instance, which is what GET /sessions/{id}/kpis reads: any instance answers
 * for any session, whoever owns its partition.
 */
public final class KpiTopology {

    public static final String AGGREGATES = "session-aggregates";
    public static final String MEMBERS = "session-members";
    public static final String DEDUP = "telemetry-dedup";
    public static final String SNAPSHOTS = "kpi-snapshots";
    public static final String SNAPSHOT_TOPIC = "session-kpi-snapshots";

    private KpiTopology() {
    }

    /**
     * @param snapshotInterval how often changed sessions publish a snapshot (wall clock)
     * @param dedupRetention   how long an eventId is remembered (at least the allowed lateness plus a session's airtime)
     */
    public static Topology build(Duration snapshotInterval, Duration dedupRetention) {
        Topology t = new Topology();
        t.addSource("telemetry", new ByteArrayDeserializer(), new ByteArrayDeserializer(), TelemetryTopics.TELEMETRY);
        t.addProcessor("aggregate", () -> new TelemetryAggregator(snapshotInterval, dedupRetention), "telemetry");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGGREGATES), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled(), "aggregate");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MEMBERS), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled(), "aggregate");
        t.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DEDUP, dedupRetention, Duration.ofMillis(1), false),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), "aggregate");
        t.addSink("snapshots", SNAPSHOT_TOPIC, new StringSerializer(), new ByteArraySerializer(), "aggregate");
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
