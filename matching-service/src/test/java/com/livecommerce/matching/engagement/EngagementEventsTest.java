package com.livecommerce.matching.engagement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What matching publishes on engagement-events (CloudEvents attributes, key, per-key order, data valid against
 * its schema), and the outcome EngagementCompleted carries, measured from the merchant's ledger events.
 */
@QuarkusTest
class EngagementEventsTest {

    static final Path SCHEMAS = Path.of("src/main/resources/events/engagement-events");

    @Test
    void everySchemaDocumentsAValidExampleAndRejectsWhatItShould() throws Exception {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            List<Path> schemas = files.toList();
            assertEquals(5, schemas.size());
            for (Path schema : schemas) {
                List<JsonNode> examples = EventSchemas.examples(schema);
                assertTrue(!examples.isEmpty(), schema + " has an example");
                for (JsonNode example : examples) {
                    assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(schema), example.toString()), schema.toString());
                }
                assertTrue(EventSchemas.violations(EventSchemas.fromFile(schema), "{\"engagementId\": \"x\", \"outcome\": 1}").size() >= 2);
            }
        }
    }

    @Test
    void theLifecycleIsPublishedInOrderAndTheOutcomeComesFromTheLedger() throws Exception {
        UUID m = Fixtures.merchant("INDUSTRIAL_BELT", "kidswear", "Zhili, Huzhou");
        UUID p = Fixtures.provider("INDUSTRIAL_BELT", List.of("kidswear"), List.of("Zhili, Huzhou"), List.of("LIVE_OPERATIONS"), 5);
        // the ledger: 600,000 a year before, 300,000 in the 90 days before activation, 1,000,000 during
        Events.gmv(m, "2020-12-01", "600000.00", "old", "GROWING", 1);
        Events.gmv(m, "2021-06-01", "300000.00", "before", "STALLED", 2);
        Events.gmv(m, "2021-09-15", "1000000.00", "during", "GROWING", 3);
        Events.gmv(m, "2021-11-15", "77.00", "after-completion", "GROWING", 4);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/merchants/{id}", m).then().body("ledgerEntries", equalTo(4)));

        Fixtures.now("2021-08-01T02:00:00Z");
        UUID e = Fixtures.propose(m, p); // KPI commitment: 900,000 during the term
        Fixtures.now("2021-08-02T20:00:00Z");
        Fixtures.accept(e, m);
        Fixtures.now("2021-08-03T01:00:00Z");
        Fixtures.activate(e, p);
        Fixtures.now("2021-10-31T23:59:00Z");
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON)
                .body("{\"rating\": {\"results\": 5, \"communication\": 4, \"professionalism\": 3}}")
                .post("/engagements/{id}/complete", e).then().statusCode(200)
                .body("endsOn", equalTo("2021-11-03"))
                .body("outcome.duringFrom", equalTo("2021-08-03")).body("outcome.duringTo", equalTo("2021-10-31"))
                .body("outcome.beforeFrom", equalTo("2021-05-05")).body("outcome.beforeTo", equalTo("2021-08-02"))
                .body("outcome.gmvBefore", equalTo(300000.00f)).body("outcome.gmvDuring", equalTo(1000000.00f))
                .body("outcome.uplift", equalTo(2.3333f)).body("outcome.kpiCommitmentMet", equalTo(true))
                .body("outcome.leapPriorGmv", equalTo(300000.00f)).body("outcome.leapTrailingGmv", equalTo(1000000.00f))
                .body("outcome.bandBefore", equalTo(0)).body("outcome.bandAfter", equalTo(1)).body("outcome.leap", equalTo(true));

        List<String> types = List.of("EngagementProposed", "EngagementAccepted", "EngagementActivated", "EngagementCompleted");
        ObjectMapper json = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        try (TopicProbe probe = TopicProbe.from(Events.bootstrap(), "engagement-events")) {
            List<ConsumerRecord<String, String>> mine = probe.await(r -> e.toString().equals(r.key()), 4, Duration.ofSeconds(30));
            for (int i = 0; i < types.size(); i++) {
                ConsumerRecord<String, String> r = mine.get(i);
                String type = types.get(i);
                assertEquals(type, TopicProbe.header(r, "ce_type"), "per-key order");
                assertEquals("1.0", TopicProbe.header(r, "ce_specversion"));
                assertEquals("/matching-service", TopicProbe.header(r, "ce_source"));
                assertEquals(e.toString(), TopicProbe.header(r, "ce_subject"));
                assertNotNull(OffsetDateTime.parse(TopicProbe.header(r, "ce_time")));
                List<String> violations = EventSchemas.violations(EventSchemas.fromFile(SCHEMAS.resolve(type + ".schema.json")), r.value());
                assertTrue(violations.isEmpty(), type + " " + r.value() + " violates its schema: " + violations);
                assertEquals(i, json.readTree(r.value()).path("version").asInt());
            }
            JsonNode completed = json.readTree(mine.get(3).value());
            assertEquals("2021-10-31T23:59:00Z", completed.path("completedAt").asText());
            assertEquals(true, completed.path("outcome").path("leap").asBoolean());
            assertTrue(mine.get(3).value().replace(" ", "").contains("\"gmvDuring\":1000000.00"), "money as an exact decimal: " + mine.get(3).value());
            assertEquals(3, completed.path("rating").path("professionalism").asInt());
        }

        // termination: its own type, from the state it ended
        UUID e2 = Fixtures.propose(Fixtures.merchant(), p);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"duplicate proposal\"}")
                .post("/engagements/{id}/terminate", e2).then().statusCode(200);
        try (TopicProbe probe = TopicProbe.from(Events.bootstrap(), "engagement-events")) {
            ConsumerRecord<String, String> r = probe.await(x -> e2.toString().equals(x.key())
                    && "EngagementTerminated".equals(TopicProbe.header(x, "ce_type")), 1, Duration.ofSeconds(30)).get(0);
            assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(SCHEMAS.resolve("EngagementTerminated.schema.json")), r.value()));
            assertEquals("PROPOSED", json.readTree(r.value()).path("terminatedFrom").asText());
        }
    }
}
