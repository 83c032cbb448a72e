package com.livecommerce.plumbing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.plumbing.testapp.TestEffect;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** Event ids are de-duplicated per source; bad data goes to the dead-letter topic with its reason. */
@QuarkusTest
class IdempotentConsumerTest {

    static final String TOPIC = "plumbing-test-events";
    static final String DLQ = "plumbing-test.test-events.dlq";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private long effects(String note) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> TestEffect.count("note", note)));
    }

    @Test
    void anEventIdIsUniquePerSource() throws Throwable {
        String note = "n-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String data = "{\"note\": \"" + note + "\"}";
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, "k", id, "TestHappened", "/one-service", data);
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, "k", id, "TestHappened", "/one-service", data); // redelivery
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, "k", id, "TestHappened", "/another-service", data); // same id, other source
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(2, effects(note)));
        Thread.sleep(1000);
        assertEquals(2, effects(note), "the redelivery changed nothing");
    }

    @Test
    void badDataGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() throws Throwable {
        String key = UUID.randomUUID().toString();
        String after = "after-" + key;
        TopicProbe.sendRaw(bootstrap, TOPIC, key, "{\"note\": \"no headers\"}");
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, key, UUID.randomUUID().toString(), "TestHappened", "/s", "{\"poison\": true}");
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, key, UUID.randomUUID().toString(), "TestHappened", "/s", "{\"no-note\": 1}");
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, key, UUID.randomUUID().toString(), "TestHappened", "/s", "{\"note\": \"" + after + "\"}");
        try (TopicProbe dlq = TopicProbe.from(bootstrap, DLQ)) {
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 3, Duration.ofSeconds(30));
            List<String> reasons = dead.stream().map(r -> TopicProbe.header(r, "dead-letter-reason")).toList();
            assertTrue(reasons.get(0).contains("not a CloudEvent"), reasons.toString());
            assertTrue(reasons.get(1).contains("asked to be poison"), reasons.toString());
            assertTrue(reasons.get(2).contains("'note'"), reasons.toString());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, effects(after)));
    }
}
