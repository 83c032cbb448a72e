package com.livecommerce.merchant.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What merchant-service publishes on merchant-events: CloudEvents attributes, key, and data valid against its schema. */
@QuarkusTest
class MerchantEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everyEventTypeCarriesCloudEventsAttributesAndMatchesItsSchema() {
        UUID id = Fixtures.merchant("Evented Brand");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 42}")
                .patch("/merchants/{id}", id).then().statusCode(200);
        Fixtures.gmv(id, "2025-01-10", "1000.00", "e1");
        Fixtures.gmv(id, "2025-04-10", "2000.00", "e2"); // NEW -> GROWING: MerchantGrowthAssessed
        given().auth().oauth2(Tokens.merchant(id)).contentType(ContentType.JSON)
                .body("{\"needs\": [\"CONTENT\"], \"monthlyBudget\": 1000, \"gmvTarget\": 50000}")
                .post("/merchants/{id}/service-requests", id).then().statusCode(201);

        List<String> types = List.of("MerchantRegistered", "MerchantUpdated", "MerchantGmvRecorded", "MerchantGrowthAssessed",
                "ServiceRequested");
        try (TopicProbe probe = TopicProbe.from(bootstrap, "merchant-events")) {
            for (String type : types) {
                List<ConsumerRecord<String, String>> records = probe.await(
                        r -> id.toString().equals(r.key()) && type.equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(20));
                ConsumerRecord<String, String> r = records.get(0);
                assertEquals("1.0", TopicProbe.header(r, "ce_specversion"), type);
                assertNotNull(UUID.fromString(TopicProbe.header(r, "ce_id")), type);
                assertEquals("/merchant-service", TopicProbe.header(r, "ce_source"), type);
                assertEquals(id.toString(), TopicProbe.header(r, "ce_subject"), type);
                assertNotNull(OffsetDateTime.parse(TopicProbe.header(r, "ce_time")), type);
                List<String> violations = EventSchemas.violations(
                        EventSchemas.fromClasspath("events/merchant-events/" + type + ".schema.json"), r.value());
                assertTrue(violations.isEmpty(), type + " " + r.value() + " violates its schema: " + violations);
            }
            // per-aggregate order: registered before updated
            List<ConsumerRecord<String, String>> mine = probe.drain(r -> id.toString().equals(r.key()), Duration.ofMillis(500));
            assertEquals("MerchantRegistered", TopicProbe.header(mine.get(0), "ce_type"));
            assertEquals(mine.stream().map(r -> TopicProbe.header(r, "ce_id")).distinct().count(), mine.size(), "no event twice");
        }
    }

    @Test
    void schemasRejectWhatTheyShould() {
        // a schema that accepts anything would make the test above worthless
        List<String> violations = EventSchemas.violations(
                EventSchemas.fromClasspath("events/merchant-events/MerchantRegistered.schema.json"),
                "{\"id\": \"x\", \"kind\": \"FACTORY\"}");
        assertTrue(violations.size() >= 2, violations.toString());
    }
}
