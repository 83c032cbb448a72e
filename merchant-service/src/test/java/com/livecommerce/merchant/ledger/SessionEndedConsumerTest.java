package com.livecommerce.merchant.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** session-events -> GMV ledger: applied once however often delivered; poison goes to the dead-letter topic. */
@QuarkusTest
class SessionEndedConsumerTest {

    static final Path SESSION_ENDED_SCHEMA = Path.of("../session-service/src/main/resources/events/session-events/SessionEnded.schema.json");
    static final String DLQ = "merchant-service.session-events.dlq";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The producer's documented example, for our merchant and a fresh session. */
    String sessionEnded(UUID merchant, UUID session, String date) {
        List<JsonNode> examples = EventSchemas.examples(SESSION_ENDED_SCHEMA);
        assertTrue(!examples.isEmpty(), "session-service documents a SessionEnded example");
        ObjectNode event = (ObjectNode) examples.get(0).deepCopy();
        event.put("merchantId", merchant.toString()).put("sessionId", session.toString()).put("date", date);
        event.put("someFieldAddedLater", "consumers ignore it");
        return event.toString();
    }

    void send(String eventId, UUID session, String json) {
        TopicProbe.sendCloudEvent(bootstrap, "session-events", session.toString(), eventId, "SessionEnded", "/session-service", json);
    }

    @Test
    void theProducersExampleMatchesItsSchema() {
        List<JsonNode> examples = EventSchemas.examples(SESSION_ENDED_SCHEMA);
        assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(SESSION_ENDED_SCHEMA), examples.get(0).toString()));
    }

    @Test
    void aDuplicateSessionEndedIsAppliedOnce() {
        UUID merchant = Fixtures.merchant("Kids Products Merchant B");
        UUID session = UUID.randomUUID();
        String json = sessionEnded(merchant, session, "2025-11-22");
        String eventId = UUID.randomUUID().toString();
        double duplicatesBefore = duplicatesSeen();
        send(eventId, session, json);
        send(eventId, session, json);                        // redelivered: same event id
        send(UUID.randomUUID().toString(), session, json);   // re-published: new id, same session
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .queryParam("from", "2025-11-22").queryParam("to", "2025-11-22")
                .get("/merchants/{id}/gmv", merchant)
                .then().body("points", hasSize(1)));
        // the redelivery was recognised by its event id and skipped...
        await().atMost(Duration.ofSeconds(20)).until(() -> duplicatesSeen() >= duplicatesBefore + 1);
        // ...and whatever order the three were applied in, the ledger holds the session once
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .queryParam("from", "2025-11-22").queryParam("to", "2025-11-22")
                .get("/merchants/{id}/gmv", merchant)
                .then().body("totalGmv", equalTo(2300000.00f)).body("totalOrders", equalTo(21000)));
    }

    private double duplicatesSeen() {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("events_consumed_total") && l.contains("duplicate") && l.contains("merchant-ledger"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextMessageIsStillProcessed() {
        UUID merchant = Fixtures.merchant("After Poison");
        UUID poisonKey = UUID.randomUUID();
        TopicProbe.sendRaw(bootstrap, "session-events", poisonKey.toString(), "{not json at all");
        UUID unknownMerchantSession = UUID.randomUUID();
        send(UUID.randomUUID().toString(), unknownMerchantSession, sessionEnded(UUID.randomUUID(), unknownMerchantSession, "2025-11-23"));
        UUID good = UUID.randomUUID();
        send(UUID.randomUUID().toString(), good, sessionEnded(merchant, good, "2025-11-24"));

        try (TopicProbe dlq = TopicProbe.from(bootstrap, DLQ)) {
            ConsumerRecord<String, String> poison = dlq.await(r -> poisonKey.toString().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("{not json at all", poison.value());
            assertTrue(TopicProbe.header(poison, "dead-letter-reason").contains("not a CloudEvent"), TopicProbe.header(poison, "dead-letter-reason"));
            ConsumerRecord<String, String> unknown = dlq.await(r -> unknownMerchantSession.toString().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertTrue(TopicProbe.header(unknown, "dead-letter-reason").contains("unknown merchant"), TopicProbe.header(unknown, "dead-letter-reason"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .queryParam("from", "2025-11-24").queryParam("to", "2025-11-24")
                .get("/merchants/{id}/gmv", merchant)
                .then().body("totalGmv", equalTo(2300000.00f)));
        given().get("/q/metrics").then().body(containsString("dead-lettered"));
    }
}
