package com.livecommerce.provider.trackrecord;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.provider.Engagements;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** engagement-events -> track record -> Windmaker tiers and badges. */
@QuarkusTest
class TrackRecordTest {

    static final Path ENGAGEMENT_COMPLETED = Path.of("../matching-service/src/main/resources/events/engagement-events/EngagementCompleted.schema.json");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static LocalDate recently() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(10);
    }

    @ParameterizedTest(name = "{0} CNY -> {1}")
    @CsvSource({
            "99999999.99,  NONE",
            "100000000.00, HUNDRED_MILLION",
            "999999999.99, HUNDRED_MILLION",
            "1000000000.00, BILLION"})
    void tierBoundaries(String servedGmv, String tier) {
        UUID provider = Fixtures.admitted("Tier " + servedGmv, "MCN", "apparel");
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement,
                Engagements.completed(engagement, provider, UUID.randomUUID(), recently(), "1000.00", servedGmv, false, 4));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("servedGmv12m", equalTo(Float.parseFloat(servedGmv))).body("tier", equalTo(tier)));
    }

    @Test
    void theProducersExampleIsValidAndDuplicatesChangeNothing() {
        String example = EventSchemas.examples(ENGAGEMENT_COMPLETED).get(0).toString();
        assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(ENGAGEMENT_COMPLETED), example));
        UUID provider = Fixtures.admitted("Duplicates", "MCN", "apparel");
        UUID engagement = UUID.randomUUID();
        String json = Engagements.completed(engagement, provider, UUID.randomUUID(), recently(), "1000000.00", "60000000.00", true, 5);
        assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(ENGAGEMENT_COMPLETED), json));
        String eventId = Engagements.send(bootstrap, engagement, json);
        Engagements.send(bootstrap, eventId, engagement, json);            // redelivered
        Engagements.send(bootstrap, engagement, json);                     // re-published with a new id
        UUID second = UUID.randomUUID();
        Engagements.send(bootstrap, second, Engagements.completed(second, provider, UUID.randomUUID(), recently(), "1.00", "50000000.00", false, 4));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("servedGmv12m", equalTo(110000000.00f)).body("merchantsLeapt", equalTo(1)).body("tier", equalTo("HUNDRED_MILLION")));
    }

    @Test
    void anOldEngagementDoesNotCountTowardTheTrailingYear() {
        UUID provider = Fixtures.admitted("Old Work", "MCN", "apparel");
        UUID old = UUID.randomUUID();
        Engagements.send(bootstrap, old, Engagements.completed(old, provider, UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC).minusDays(400),
                "1.00", "900000000.00", true, 5));
        UUID recent = UUID.randomUUID();
        Engagements.send(bootstrap, recent, Engagements.completed(recent, provider, UUID.randomUUID(), recently(), "1.00", "200000000.00", false, 5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("servedGmv12m", equalTo(200000000.00f)).body("tier", equalTo("HUNDRED_MILLION")).body("merchantsLeapt", equalTo(1)));
    }

    @Test
    void badgesCountDistinctMerchantsLeaptAndTheProgramCountsThem() {
        JsonPath before = given().auth().oauth2(Tokens.viewer()).get("/programs/windmaker").then().statusCode(200).extract().jsonPath();
        UUID provider = Fixtures.admitted("Incubator", "INDUSTRIAL_BELT", "kidswear");
        for (int i = 0; i < 20; i++) {
            UUID engagement = UUID.randomUUID();
            Engagements.send(bootstrap, engagement, Engagements.completed(engagement, provider, UUID.randomUUID(), recently(),
                    "100000.00", "60000000.00", true, 5));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("merchantsLeapt", equalTo(20)).body("badge", equalTo("INCUBATOR_20")).body("tier", equalTo("BILLION")));
        given().auth().oauth2(Tokens.viewer()).get("/programs/windmaker").then().statusCode(200)
                .body("tiers[0].level", equalTo("BILLION")).body("tiers[0].target", equalTo(100))
                .body("tiers[0].providers", equalTo(before.getInt("tiers[0].providers") + 1))
                .body("tiers[1].providers", equalTo(before.getInt("tiers[1].providers") + 1))
                .body("badges[0].level", equalTo("INCUBATOR_50")).body("badges[0].target", equalTo(50))
                .body("badges[1].level", equalTo("INCUBATOR_20")).body("badges[1].target", equalTo(100))
                .body("badges[1].providers", equalTo(before.getInt("badges[1].providers") + 1));
        given().get("/programs/windmaker").then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/programs/windmaker").then().statusCode(403);

        try (TopicProbe probe = TopicProbe.from(bootstrap, "provider-events")) {
            List<ConsumerRecord<String, String>> changes = probe.await(r -> provider.toString().equals(r.key())
                    && "ProviderTierChanged".equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(20));
            for (ConsumerRecord<String, String> r : changes) {
                List<String> violations = EventSchemas.violations(
                        EventSchemas.fromClasspath("events/provider-events/ProviderTierChanged.schema.json"), r.value());
                assertTrue(violations.isEmpty(), r.value() + " " + violations);
            }
        }
    }

    /** The program counts providers in good standing: a suspended BILLION provider does not count. */
    @Test
    void theProgramCountsOnlyProvidersInGoodStanding() {
        JsonPath before = given().auth().oauth2(Tokens.admin()).get("/programs/windmaker").then().statusCode(200).extract().jsonPath();
        UUID provider = Fixtures.admitted("Billion But Suspended", "MCN", "apparel");
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement, Engagements.completed(engagement, provider, UUID.randomUUID(), recently(),
                "1000000.00", "1200000000.00", false, 5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("tier", equalTo("BILLION")));
        given().auth().oauth2(Tokens.admin()).get("/programs/windmaker").then().statusCode(200)
                .body("tiers[0].providers", equalTo(before.getInt("tiers[0].providers") + 1))
                .body("tiers[1].providers", equalTo(before.getInt("tiers[1].providers") + 1));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"KPI promises not met\"}")
                .post("/providers/{id}/suspend", provider).then().statusCode(200).body("tier", equalTo("BILLION"));
        given().auth().oauth2(Tokens.provider(provider)).get("/programs/windmaker").then().statusCode(200)
                .body("tiers[0].level", equalTo("BILLION"))
                .body("tiers[0].providers", equalTo(before.getInt("tiers[0].providers")))
                .body("tiers[1].providers", equalTo(before.getInt("tiers[1].providers")));
    }

    @Test
    void anEventForAnUnknownProviderIsDeadLettered() {
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement, Engagements.completed(engagement, UUID.randomUUID(), UUID.randomUUID(), recently(),
                "1.00", "2.00", false, 3));
        try (TopicProbe dlq = TopicProbe.from(bootstrap, "provider-service.engagement-events.dlq")) {
            ConsumerRecord<String, String> r = dlq.await(x -> engagement.toString().equals(x.key()), 1, Duration.ofSeconds(30)).get(0);
            assertTrue(TopicProbe.header(r, "dead-letter-reason").contains("unknown provider"));
        }
    }
}
