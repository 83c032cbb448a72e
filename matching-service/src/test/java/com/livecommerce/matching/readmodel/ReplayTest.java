package com.livecommerce.matching.readmodel;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.matching.Events;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import io.smallrye.mutiny.Uni;

/**
 * The read models are a function of the topics: emptied and rebuilt by replaying merchant-events and
 * provider-events from their beginning (in partition order, as a fresh consumer group would read them), they
 * come out as they were, row for row.
 */
@QuarkusTest
class ReplayTest {

    static final List<String> TABLES = List.of("merchant_view", "merchant_gmv", "service_request_view", "provider_view");

    @Inject
    Pool pool;

    @Inject
    MerchantEventsConsumer merchants;

    @Inject
    ProviderEventsConsumer providers;

    @Test
    void emptiedReadModelsAreRebuiltFromTheTopics() throws Throwable {
        UUID m = UUID.randomUUID();
        Events.registerMerchant(m, "INDUSTRIAL_BELT", "kidswear", "Zhili, Huzhou", "NEW");
        Events.gmv(m, "2021-03-01", "1000.00", "r1", "GROWING", 1);
        Events.gmv(m, "2021-09-01", "500.00", "r2", "STALLED", 2);
        Events.merchantEvent(m, "MerchantUpdated", UUID.randomUUID().toString(), Events.merchant(m, "INDUSTRIAL_BELT", "kidswear", "Zhili, Huzhou", "STALLED", 3));
        Events.requestService(m, "2021-09-02T00:00:00Z", "LIVE_OPERATIONS", "CONTENT");
        UUID p = UUID.randomUUID();
        Events.admitProvider(p, "INDUSTRIAL_BELT", List.of("kidswear"), List.of("Zhili, Huzhou"), List.of("LIVE_OPERATIONS"), 3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/merchants/{id}", m).then().statusCode(200).body("profileVersion", equalTo(3))
                .body("ledgerEntries", equalTo(2)).body("needs.size()", equalTo(2)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/providers/{id}", p).then().statusCode(200));

        Map<String, List<String>> before = quietSnapshot();
        assertTrue(before.get("merchant_view").size() >= 1);

        VertxContextSupport.subscribeAndAwait(() -> pool.query("truncate " + String.join(", ", TABLES)).execute().replaceWithVoid());
        assertEquals(0, snapshot().get("merchant_view").size(), "emptied");

        int replayed = replay("merchant-events", merchants::apply) + replay("provider-events", providers::apply);
        assertTrue(replayed > 0);
        assertEquals(before, snapshot(), "rebuilt from the topics, row for row");
    }

    /** The read models once the consumers have been idle for a second (other tests' events may still be arriving). */
    private Map<String, List<String>> quietSnapshot() throws Throwable {
        Map<String, List<String>> last = snapshot();
        for (int i = 0; i < 60; i++) {
            Thread.sleep(1000);
            Map<String, List<String>> now = snapshot();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the read models never stopped changing");
    }

    private Map<String, List<String>> snapshot() throws Throwable {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        for (String table : TABLES) {
            List<String> rows = VertxContextSupport.subscribeAndAwait(() -> pool.query(
                    "select (to_jsonb(t) - 'changed_xid')::text as row from " + table + " t order by 1").execute()
                    .map(rs -> {
                        List<String> list = new ArrayList<>();
                        rs.forEach(r -> list.add(r.getString("row")));
                        return list;
                    }));
            tables.put(table, rows);
        }
        return tables;
    }

    /** Reads the topic from its beginning to its end and applies every event in its own transaction; returns how many. */
    private int replay(String topic, Function<ReceivedEvent, Uni<Void>> handler) throws Throwable {
        ObjectMapper json = new ObjectMapper();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Events.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        int applied = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = header(r, "ce_id");
                    String type = header(r, "ce_type");
                    if (id == null || type == null) {
                        continue; // not a CloudEvent: dead-lettered the first time too
                    }
                    ReceivedEvent event;
                    try {
                        event = new ReceivedEvent(id, type, header(r, "ce_source"), r.key(), ZonedDateTime.now(), json.readTree(r.value()));
                    } catch (Exception e) {
                        continue;
                    }
                    try {
                        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> handler.apply(event)));
                        applied++;
                    } catch (PoisonMessageException e) {
                        // bad data: dead-lettered the first time too
                    }
                }
            }
        }
        return applied;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
