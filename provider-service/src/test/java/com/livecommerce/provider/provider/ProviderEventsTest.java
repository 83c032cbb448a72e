package com.livecommerce.provider.provider;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.provider.Fixtures;
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

/** provider-events through the outbox: CloudEvents attributes, key, data valid against its schema. */
@QuarkusTest
class ProviderEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void lifecycleEventsCarryCloudEventsAttributesAndMatchTheirSchemas() {
        UUID admitted = Fixtures.admitted("Evented", "BRAND", "beauty");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 1, \"capacity\": 12}")
                .patch("/providers/{id}", admitted).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"audit\"}")
                .post("/providers/{id}/suspend", admitted).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"audit passed\"}")
                .post("/providers/{id}/reinstate", admitted).then().statusCode(200);
        UUID rejected = Fixtures.provider("Rejected", "MCN", null, 0, "0");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", rejected).then().statusCode(200);

        try (TopicProbe probe = TopicProbe.from(bootstrap, "provider-events")) {
            check(probe, admitted, List.of("ProviderApplied", "ProviderAdmitted", "ProviderUpdated", "ProviderSuspended", "ProviderReinstated"));
            ConsumerRecord<String, String> r = check(probe, rejected, List.of("ProviderApplied", "ProviderRejected"));
            assertTrue(r.value().contains("HAS_CATEGORY"), "rejection reasons travel with the event: " + r.value());
        }
    }

    private ConsumerRecord<String, String> check(TopicProbe probe, UUID provider, List<String> types) {
        ConsumerRecord<String, String> last = null;
        for (String type : types) {
            last = probe.await(r -> provider.toString().equals(r.key()) && type.equals(TopicProbe.header(r, "ce_type")), 1,
                    Duration.ofSeconds(20)).get(0);
            assertEquals("1.0", TopicProbe.header(last, "ce_specversion"));
            assertEquals("/provider-service", TopicProbe.header(last, "ce_source"));
            assertEquals(provider.toString(), TopicProbe.header(last, "ce_subject"));
            assertNotNull(UUID.fromString(TopicProbe.header(last, "ce_id")));
            assertNotNull(OffsetDateTime.parse(TopicProbe.header(last, "ce_time")));
            List<String> violations = EventSchemas.violations(
                    EventSchemas.fromClasspath("events/provider-events/" + type + ".schema.json"), last.value());
            assertTrue(violations.isEmpty(), type + " " + last.value() + " " + violations);
        }
        return last;
    }
}
