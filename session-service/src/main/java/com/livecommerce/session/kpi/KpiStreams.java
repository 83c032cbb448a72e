package com.livecommerce.session.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.session.telemetry.TelemetryTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the KPI aggregation ({@link KpiTopology}) in this JVM: creates the topics it needs at startup (so a
 * fresh broker works), then starts Kafka Streams with {@code processing.guarantee=exactly_once_v2}. Every
 * instance of the service runs one member of the Streams group (partitions are spread over the instances
 * by session id) and reads every session's latest snapshot from its global store. {@link #stop()} and
 * {@link #start()} restart it in place (local state kept, or restored from the changelogs).
 */
@ApplicationScoped
public class KpiStreams {

    private static final Logger LOG = Logger.getLogger(KpiStreams.class);

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrap;

    @ConfigProperty(name = "session.kpi.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "session.kpi.application-id", defaultValue = "session-kpis")
    String applicationId;

    @ConfigProperty(name = "session.kpi.state-dir", defaultValue = "/tmp/session-kpis")
    String stateDir;

    @ConfigProperty(name = "session.kpi.wipe-state-at-start", defaultValue = "false")
    boolean wipeStateAtStart;

    @ConfigProperty(name = "session.kpi.partitions", defaultValue = "6")
    int partitions;

    @ConfigProperty(name = "session.kpi.replication-factor")
    Optional<Short> replicationFactor;

    @ConfigProperty(name = "session.kpi.snapshot-interval", defaultValue = "PT0.25S")
    Duration snapshotInterval;

    @ConfigProperty(name = "session.kpi.replay-timeout", defaultValue = "PT10M")
    Duration replayTimeout;

    @ConfigProperty(name = "session.kpi.commit-interval", defaultValue = "PT0.1S")
    Duration commitInterval;

    @ConfigProperty(name = "session.kpi.stream-threads", defaultValue = "1")
    int streamThreads;

    @ConfigProperty(name = "session.kpi.filter-memory", defaultValue = "50331648")
    long filterMemory;

    @ConfigProperty(name = "session.kpi.telemetry-retention", defaultValue = "P7D")
    Duration telemetryRetention;

    @Inject
    Config config;

    @Inject
    ObjectMapper mapper;

    private volatile KafkaStreams streams;
    private volatile boolean topicsReady;
    private volatile boolean stopped;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        SessionFilter.BUDGET.set(filterMemory);
        if (wipeStateAtStart) {
            deleteRecursively(Path.of(stateDir));
        }
        Thread starter = new Thread(() -> {
            while (!topicsReady && !stopped) {
                try {
                    createTopics();
                    topicsReady = true;
                } catch (Exception e) {
                    LOG.warnf("cannot create the KPI topics yet (%s); retrying in 2 s", e.getMessage());
                    sleep(2000);
                }
            }
            // on a fresh broker the topics just created may not be visible to the global store yet ("no partitions
            // available for topic session-kpi-snapshots"): start() then fails and is tried again
            while (!stopped) {
                try {
                    start();
                    break;
                } catch (RuntimeException e) {
                    LOG.warnf("cannot start the KPI aggregation yet (%s); retrying in 2 s", e.getMessage());
                    sleep(2000);
                }
            }
        }, "kpi-streams-starter");
        starter.setDaemon(true);
        starter.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        stop();
    }

    /** The Streams settings of one instance; a second instance (a test) takes them with its own state directory. */
    public Properties properties(String stateDirectory) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // no record cache: the merge writes few keys, the partials none
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        p.put(StreamsConfig.globalConsumerPrefix("isolation.level"), "read_committed");
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        // records are chunks of up to 2,048 events (~5 ms of work each): a few per poll keep the thread's loop short, so the
        // merge stage's input (polled with the chunks) and the commits that make deltas and snapshots visible come often
        p.put(StreamsConfig.consumerPrefix("max.poll.records"), 16);
        p.put(StreamsConfig.consumerPrefix("fetch.min.bytes"), 1);
        p.put(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), 4 << 20);
        // a dead instance's partitions move after 10 s (not the default 45 s): the KPIs of its sessions stop for that long
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 3_000);
        // catching a partition up (PartialStage) blocks the thread: give it the replay timeout before the group drops it
        p.put(StreamsConfig.consumerPrefix("max.poll.interval.ms"), (int) Math.max(300_000, replayTimeout.toMillis() + 60_000));
        replicationFactor.ifPresent(rf -> p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) rf));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("session.kpi.streams.")) {
                p.put(name.substring("session.kpi.streams.".length()), config.getValue(name, String.class));
            } else if (name.startsWith("session.kpi.rocksdb.")) {
                p.put(name, config.getValue(name, String.class));
            }
        }
        return p;
    }

    public Duration snapshotInterval() {
        return snapshotInterval;
    }

    public Duration replayTimeout() {
        return replayTimeout;
    }

    /**
     * Creates session-telemetry (retention {@code session.kpi.telemetry-retention}, 7 days: the partial stage rebuilds from
     * it, so it must outlast a session), session-kpi-partials and the compacted session-kpi-snapshots unless they exist.
     */
    public void createTopics() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            List<NewTopic> topics = List.of(
                    new NewTopic(TelemetryTopics.TELEMETRY, Optional.of(partitions), replicationFactor)
                            .configs(Map.of("retention.ms", String.valueOf(telemetryRetention.toMillis()))),
                    new NewTopic(KpiTopology.PARTIALS_TOPIC, Optional.of(partitions), replicationFactor)
                            .configs(Map.of("retention.ms", String.valueOf(Duration.ofDays(1).toMillis()))),
                    new NewTopic(KpiTopology.SNAPSHOT_TOPIC, Optional.of(partitions), replicationFactor)
                            .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")));
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(10, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    public synchronized void start() {
        if (streams != null) {
            return;
        }
        KafkaStreams s = new KafkaStreams(KpiTopology.build(snapshotInterval, replayTimeout), properties(stateDir));
        s.setUncaughtExceptionHandler(e -> {
            LOG.errorf(e, "KPI stream thread failed; replacing it");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        try {
            s.start();
        } catch (RuntimeException e) {
            s.close(Duration.ofSeconds(10));
            throw e;
        }
        streams = s;
        LOG.infof("KPI aggregation started (application %s, state in %s)", applicationId, stateDir);
    }

    public synchronized void stop() {
        KafkaStreams s = streams;
        streams = null;
        if (s != null) {
            s.close(Duration.ofSeconds(30));
        }
    }

    /** A stream that died (ERROR) is started again, on every replica. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watchdog() {
        KafkaStreams s = streams;
        if (s != null && s.state() == KafkaStreams.State.ERROR && !stopped) {
            LOG.warn("KPI aggregation is in ERROR; restarting it");
            stop();
            start();
        }
    }

    public Optional<KafkaStreams.State> state() {
        KafkaStreams s = streams;
        return s == null ? Optional.empty() : Optional.of(s.state());
    }

    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** The latest snapshot of a session from this instance's global store; throws {@link KpisUnavailable} while it cannot be read. */
    public Optional<KpiSnapshot> snapshot(UUID session) {
        KafkaStreams s = streams;
        if (s == null || !s.state().isRunningOrRebalancing()) {
            throw new KpisUnavailable("the KPI aggregation is " + (s == null ? "not started" : s.state()) + " on this instance");
        }
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = s.store(StoreQueryParameters.fromNameAndType(KpiTopology.SNAPSHOTS,
                    QueryableStoreTypes.keyValueStore()));
            byte[] value = store.get(session.toString());
            return value == null ? Optional.empty() : Optional.of(mapper.readValue(value, KpiSnapshot.class));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            throw new KpisUnavailable("the KPI store is not readable yet: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The KPIs cannot be read on this instance right now (starting, restarting): 503, retry in a second. */
    public static final class KpisUnavailable extends RuntimeException {
        public KpisUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
