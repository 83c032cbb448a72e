package com.livecommerce.plumbing.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kafka clients are created lazily (plumbing-defaults.properties): a consumed channel's dead-letter producer is
 * only created when a poison message arrives, so a started service holds none for a channel that never had one,
 * while its consumers run. (IdempotentConsumerTest proves that a lazily created dead-letter producer delivers.)
 */
@QuarkusTest
class LazyKafkaClientsTest {

    static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    @Test
    void aChannelWithoutPoisonHasNoDeadLetterProducer() {
        // the test app's consumers run (each created on its polling thread once its channel subscribed)
        await().atMost(Duration.ofSeconds(20)).until(() -> threads("kafka-coordinator-heartbeat-thread | plumbing-test").size() >= 1);
        // test-engagement-events never receives bad data in these tests: no producer thread for its dead letters
        assertEquals(List.of(), threads("kafka-producer-network-thread | kafka-dead-letter-topic-producer-")
                .stream().filter(n -> n.contains("test-engagement-events")).toList());
    }
}
