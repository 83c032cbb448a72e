package com.livecommerce.session.kpi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A second instance of the aggregation (built from {@link KpiTopology} without CDI, as another replica would
 * run it) joins the group mid-session: the partitions are rebalanced and it takes over the partition of the
 * session under test. This service still answers that session's KPIs (from its global store), the second
 * instance answers the same, and after the second instance leaves again (another rebalance) the final KPIs
 * are exact.
 */
@QuarkusTest
class SecondInstanceTest {

    @Inject
    KpiStreams streams;

    @ConfigProperty(name = "session.kpi.bestseller-threshold")
    BigDecimal threshold;

    @ConfigProperty(name = "session.kpi.partitions")
    int partitions;

    @Test
    void aSecondInstanceJoinsAndLeavesAndTheKpisStayExact() {
        KafkaStreams second = new KafkaStreams(KpiTopology.build(streams.snapshotInterval(), streams.replayTimeout()),
                streams.properties("target/kafka-streams/second-" + UUID.randomUUID()));
        try {
            second.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> second.state() == KafkaStreams.State.RUNNING
                    && streams.state().orElseThrow() == KafkaStreams.State.RUNNING && !owned(second).isEmpty());
            Set<Integer> ownedBySecond = owned(second);
            assertTrue(ownedBySecond.size() < partitions, "the partitions are shared: " + ownedBySecond);
            SessionAFixture f = new SessionAFixture(11L, Instant.parse("2021-11-27T11:00:00Z"), 3_000);
            UUID merchant = UUID.randomUUID();
            UUID session = null;
            for (int i = 0; i < 100 && session == null; i++) { // a session whose partition the second instance owns
                UUID candidate = FixtureRun.schedule(f, merchant);
                if (ownedBySecond.contains(BuiltInPartitioner.partitionForKey(candidate.toString().getBytes(StandardCharsets.UTF_8), partitions))) {
                    session = candidate;
                }
            }
            UUID id = session;
            boolean[] checked = {false};
            JsonNode k = FixtureRun.play(f, id, 1_000, batch -> {
                if (batch == 3) {
                    // the second instance aggregates this session; this instance answers its KPIs all the same
                    await().atMost(Duration.ofSeconds(60)).until(() -> FixtureRun.kpis(id).get("eventsCounted").asLong() >= 3_000);
                    assertTrue(owned(second).contains(BuiltInPartitioner.partitionForKey(id.toString().getBytes(StandardCharsets.UTF_8), partitions)));
                    ReadOnlyKeyValueStore<String, byte[]> store = second.store(StoreQueryParameters.fromNameAndType(KpiTopology.SNAPSHOTS,
                            QueryableStoreTypes.keyValueStore()));
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.get(id.toString()) != null);
                    checked[0] = true;
                    second.close(Duration.ofSeconds(30)); // it leaves: its partitions move back here
                }
            });
            assertTrue(checked[0]);
            FixtureRun.assertExact(f, k, threshold, FixtureRun.duplicatesOf(f, 1_000));
            assertEquals(true, k.get("closed").asBoolean());
        } finally {
            second.close(Duration.ofSeconds(30));
        }
    }

    static Set<Integer> owned(KafkaStreams instance) {
        Set<Integer> owned = new HashSet<>();
        instance.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> {
            for (TopicPartition tp : task.topicPartitions()) {
                if (tp.topic().equals("session-telemetry")) {
                    owned.add(tp.partition());
                }
            }
        }));
        return owned;
    }
}
