package com.livecommerce.session.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.session.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What session-service publishes matches the schemas it documents: each session-events type as a
 * CloudEvent keyed by the session, in order; a reservation as a telemetry record; and every schema's
 * examples validate against it (consumers test with them).
 */
@QuarkusTest
class SessionEventsTest {

    static final Path EVENTS = Path.of("src/main/resources/events");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everySchemaAcceptsItsOwnExamples() throws Exception {
        List<Path> schemas;
        try (Stream<Path> files = Files.walk(EVENTS)) {
            schemas = files.filter(f -> f.toString().endsWith(".schema.json")).toList();
        }
        assertEquals(5, schemas.size(), schemas.toString());
        for (Path schema : schemas) {
            List<JsonNode> examples = EventSchemas.examples(schema);
            assertFalse(examples.isEmpty(), schema + " has examples");
            for (JsonNode example : examples) {
                assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(schema), example.toString()), schema + ": " + example);
            }
        }
    }

    @Test
    void sessionEndedNeedsProviderWhenAnOperatorIsSetAndAlwaysOrdersAndAdSpend() {
        var schema = EventSchemas.fromFile(EVENTS.resolve("session-events/SessionEnded.schema.json"));
        String base = """
                {"sessionId": "%s", "merchantId": "%s", "date": "2021-11-25", "gmv": 100.00%s}""";
        UUID s = UUID.randomUUID(), m = UUID.randomUUID();
        assertEquals(List.of(), EventSchemas.violations(schema, base.formatted(s, m, ", \"orders\": 1, \"adSpend\": 0")));
        assertFalse(EventSchemas.violations(schema, base.formatted(s, m, ", \"adSpend\": 0")).isEmpty(), "orders is required");
        assertFalse(EventSchemas.violations(schema, base.formatted(s, m, ", \"orders\": 1")).isEmpty(), "adSpend is required");
        assertFalse(EventSchemas.violations(schema, base.formatted(s, m, ", \"orders\": 1, \"adSpend\": 0, \"operatorId\": \""
                + UUID.randomUUID() + "\"")).isEmpty(), "an operator needs its provider");
        assertFalse(EventSchemas.violations(schema, base.formatted(s, m, ", \"orders\": 1, \"adSpend\": 0, \"operatorId\": \""
                + UUID.randomUUID() + "\", \"providerId\": null")).isEmpty(), "an operator needs its provider");
        assertEquals(List.of(), EventSchemas.violations(schema, base.formatted(s, m, ", \"orders\": 1, \"adSpend\": 0, \"operatorId\": \""
                + UUID.randomUUID() + "\", \"providerId\": \"" + UUID.randomUUID() + "\"")));
    }

    @Test
    void lifecycleEventsGoOutInOrderAndMatchTheirSchemas() {
        UUID merchant = UUID.randomUUID(), provider = UUID.randomUUID();
        UUID live = Fixtures.session(merchant, provider, UUID.randomUUID());
        Fixtures.start(live);
        UUID cancelled = Fixtures.session(merchant, null, null);
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/cancel", cancelled).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"viewerId\": \"v-9\"}")
                .post("/sessions/{id}/reservations", live).then().statusCode(201);
        try (TopicProbe probe = TopicProbe.from(bootstrap, "session-events")) {
            List<ConsumerRecord<String, String>> ofLive = probe.await(r -> live.toString().equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(List.of("SessionScheduled", "SessionStarted"), ofLive.stream().map(r -> TopicProbe.header(r, "ce_type")).toList());
            List<ConsumerRecord<String, String>> ofCancelled = probe.await(r -> cancelled.toString().equals(r.key()), 2, Duration.ofSeconds(30));
            assertEquals(List.of("SessionScheduled", "SessionCancelled"), ofCancelled.stream().map(r -> TopicProbe.header(r, "ce_type")).toList());
            for (ConsumerRecord<String, String> r : Stream.concat(ofLive.stream(), ofCancelled.stream()).toList()) {
                assertEquals("/session-service", TopicProbe.header(r, "ce_source"));
                assertEquals(r.key(), TopicProbe.header(r, "ce_subject"));
                var schema = EventSchemas.fromFile(EVENTS.resolve("session-events/" + TopicProbe.header(r, "ce_type") + ".schema.json"));
                assertEquals(List.of(), EventSchemas.violations(schema, r.value()), r.value());
            }
        }
        try (TopicProbe probe = TopicProbe.from(bootstrap, "session-telemetry")) {
            ConsumerRecord<String, String> r = probe.await(x -> live.toString().equals(x.key()), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("ViewerReserved", TopicProbe.header(r, "ce_type"));
            assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(EVENTS.resolve("session-telemetry/TelemetryEvent.schema.json")),
                    r.value()), r.value());
        }
    }
}
