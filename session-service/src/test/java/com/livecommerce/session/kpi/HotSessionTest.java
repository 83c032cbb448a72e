package com.livecommerce.session.kpi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.session.Fixtures;
import com.livecommerce.session.telemetry.SubKeys;
import com.livecommerce.session.telemetry.TelemetryChunk;
import com.livecommerce.session.telemetry.TelemetryType;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A hot session spread over 4 sub-keys: its telemetry goes to 4 partitions, each viewer's events to one of them, and the
 * merged KPIs come out exactly as the fixture computes them (distinct viewers, buyers, peak concurrency across sub-keys),
 * with duplicates across batches, late and too-late lines and the final SessionEnded.
 */
@QuarkusTest
class HotSessionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "session.kpi.bestseller-threshold")
    BigDecimal threshold;

    @ConfigProperty(name = "session.kpi.partitions")
    int partitions;

    @Test
    void aHotSessionOverFourSubKeysComesOutExactly() {
        SessionAFixture f = new SessionAFixture(2021_11_28L, Instant.parse("2021-11-28T11:00:00Z"), 8_000);
        UUID session = FixtureRun.schedule(f, UUID.randomUUID(), 4);
        given().auth().oauth2(Tokens.admin()).get("/sessions/{id}", session).then().statusCode(200).body("telemetrySubKeys", equalTo(4));
        JsonNode k = FixtureRun.play(f, session, 2_000, batch -> { });
        FixtureRun.assertExact(f, k, threshold, FixtureRun.duplicatesOf(f, 2_000));

        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Integer> subKeyOfViewer = new HashMap<>();
        int viewerEvents = 0;
        try (TopicProbe probe = TopicProbe.binary(bootstrap, "session-telemetry")) {
            var records = probe.drain(r -> r.key() != null && r.key().startsWith(session.toString()), Duration.ofSeconds(3));
            for (ConsumerRecord<String, String> r : records) {
                partitionOfKey.put(r.key(), r.partition());
                if (!"2".equals(TopicProbe.header(r, TelemetryChunk.FORMAT_HEADER))) {
                    continue; // a reservation through the outbox (format 1)
                }
                TelemetryChunk.Reader chunk = new TelemetryChunk.Reader(r.value().getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(4, chunk.subKeys);
                assertEquals(new String(SubKeys.key(session, chunk.subKey), StandardCharsets.UTF_8), r.key());
                while (chunk.next()) {
                    if (chunk.type == TelemetryType.VIEWER_ENTER || chunk.type == TelemetryType.VIEWER_LEAVE) {
                        viewerEvents++;
                        Integer before = subKeyOfViewer.put(chunk.viewerId(), chunk.subKey);
                        assertTrue(before == null || before == chunk.subKey, "viewer " + chunk.viewerId() + " in one sub-key");
                    } else if (chunk.type != TelemetryType.SESSION_CLOSE) {
                        assertEquals(0, chunk.subKey, chunk.type + " goes to sub-key 0");
                    }
                }
            }
        }
        assertEquals(4, partitionOfKey.size(), "4 sub-keys: " + partitionOfKey.keySet());
        assertEquals(4, new HashSet<>(partitionOfKey.values()).size(), "on 4 partitions: " + partitionOfKey);
        Set<Integer> used = new HashSet<>(subKeyOfViewer.values());
        assertEquals(4, used.size(), "viewers spread over every sub-key");
        assertTrue(viewerEvents > 0);
    }

    @Test
    void subKeysAreBoundedByThePartitions() {
        Fixtures.now(Instant.parse("2021-11-28T11:00:00Z"));
        String body = Fixtures.body(UUID.randomUUID(), null, null, 60, "1000.00", "10.00", "10.00");
        String open = body.substring(0, body.lastIndexOf('}'));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(open + ", \"telemetrySubKeys\": " + (partitions + 1) + "}")
                .post("/sessions").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("telemetrySubKeys"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(open + ", \"telemetrySubKeys\": 0}")
                .post("/sessions").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("telemetrySubKeys"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(open + ", \"telemetrySubKeys\": \"four\"}")
                .post("/sessions").then().statusCode(400).contentType("application/problem+json");
    }
}
