package com.livecommerce.provider.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.plumbing.outbox.OutboxRelay;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.InjectKafkaBroker;
import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The broker goes down: writes still answer 201 (their events wait in the outbox), readiness is
 * DOWN; the broker comes back: every event arrives, none lost, none doubled. Runs last.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class KafkaOutageTest {

    @InjectKafkaBroker
    KafkaBrokerResource broker;

    @Inject
    OutboxRelay relay;

    @Test
    void writesSurviveABrokerOutageAndTheirEventsArriveOnceAfterwards() {
        broker.stopBroker();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body(Fixtures.application("Outage " + i, "BRAND", "apparel", 5, "10000000.00"))
                        .post("/providers")
                        .then().statusCode(201).extract().path("id"));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().log().ifValidationFails()
                    .statusCode(503));
        } finally {
            broker.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        Set<String> expected = Set.copyOf(ids);
        try (TopicProbe probe = TopicProbe.from(broker.bootstrapServers(), "provider-events")) {
            probe.await(r -> expected.contains(r.key()), expected.size(), Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> all = probe.drain(r -> expected.contains(r.key()), Duration.ofSeconds(3));
            Map<String, Long> perProvider = all.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertEquals(expected.stream().collect(Collectors.toMap(Function.identity(), k -> 1L)), perProvider,
                    "each ProviderApplied exactly once");
        }
        // and the outbox marked every one of them sent
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(),
                VertxContextSupport.subscribeAndAwait(() -> relay.pendingIds())));
    }
}
