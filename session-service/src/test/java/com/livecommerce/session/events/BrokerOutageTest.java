package com.livecommerce.session.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.session.Fixtures;
import com.livecommerce.session.Telemetry;
import com.livecommerce.testsupport.InjectKafkaBroker;
import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The broker goes down: telemetry answers 503 problem+json with Retry-After (nothing of the batch is
 * accepted), session writes still succeed (their events wait in the outbox), readiness is DOWN. The broker
 * comes back: the batch sent again is accepted and counted once, and every lifecycle event arrives once. Runs last.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class BrokerOutageTest {

    @InjectKafkaBroker
    KafkaBrokerResource broker;

    @Test
    void telemetryIs503WhileTheBrokerIsDownAndSessionEventsArriveOnceAfterwards() {
        Instant start = Instant.now().minusSeconds(60);
        Fixtures.now(start);
        UUID live = Fixtures.session(UUID.randomUUID(), null, null);
        Fixtures.start(live);
        Fixtures.now(start.plusSeconds(60));
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(Telemetry.enter("outage-" + live + "-" + i, start.plusSeconds(1 + i % 50), "v-" + i));
        }
        List<String> ids = new ArrayList<>();
        broker.stopBroker();
        try {
            Telemetry.send(live, batch).spec(Problems.of(503, "unavailable")).header("Retry-After", notNullValue());
            for (int i = 0; i < 3; i++) {
                ids.add(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body(Fixtures.body(UUID.randomUUID(), null, null, 60, "1000", "0", "0"))
                        .post("/sessions").then().statusCode(201).extract().path("id"));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        } finally {
            broker.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Telemetry.send(live, batch).statusCode(202)
                .body("accepted", equalTo(200)));
        // nothing of the refused batch is lost or doubled once it was sent again
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/sessions/{id}/kpis", live).then().statusCode(200).body("uv", equalTo(200)).body("eventsCounted", equalTo(200)));
        Set<String> expected = Set.copyOf(ids);
        try (TopicProbe probe = TopicProbe.from(broker.bootstrapServers(), "session-events")) {
            probe.await(r -> expected.contains(r.key()), expected.size(), Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> all = probe.drain(r -> expected.contains(r.key()), Duration.ofSeconds(3));
            Map<String, Long> perSession = all.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertEquals(expected.stream().collect(Collectors.toMap(Function.identity(), k -> 1L)), perSession,
                    "each SessionScheduled exactly once");
        }
    }
}
