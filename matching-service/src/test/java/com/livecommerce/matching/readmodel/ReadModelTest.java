package com.livecommerce.matching.readmodel;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The read models of merchants and providers, fed with what the producers document (their schemas' examples),
 * with duplicates, republished facts, events out of order, unknown fields and poison.
 */
@QuarkusTest
class ReadModelTest {

    static final String MERCHANT_DLQ = "matching-service.merchant-events.dlq";
    static final String PROVIDER_DLQ = "matching-service.provider-events.dlq";

    static void awaitMerchant(UUID id, org.hamcrest.Matcher<?> matcher, String path) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/merchants/{id}", id).then().statusCode(200).body(path, matcher));
    }

    @Test
    void everyExampleOfTheProducersIsAccepted() throws Exception {
        // each documented example is valid against its own schema (the producer's promise) ...
        for (Path dir : List.of(Events.MERCHANT_EVENTS, Events.PROVIDER_EVENTS)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path schema : files.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
                    for (JsonNode example : EventSchemas.examples(schema)) {
                        assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(schema), example.toString()), schema.toString());
                    }
                }
            }
        }
        // ... and the consumer reads it, whatever it adds later
        UUID merchant = UUID.randomUUID();
        ObjectNode registered = Events.example(Events.MERCHANT_EVENTS, "MerchantRegistered").put("id", merchant.toString());
        registered.put("someFieldAddedLater", "ignored");
        Events.merchantEvent(merchant, "MerchantRegistered", UUID.randomUUID().toString(), registered);
        ObjectNode gmv = Events.example(Events.MERCHANT_EVENTS, "MerchantGmvRecorded").put("merchantId", merchant.toString());
        Events.merchantEvent(merchant, "MerchantGmvRecorded", UUID.randomUUID().toString(), gmv);
        ObjectNode growth = Events.example(Events.MERCHANT_EVENTS, "MerchantGrowthAssessed").put("merchantId", merchant.toString());
        Events.merchantEvent(merchant, "MerchantGrowthAssessed", UUID.randomUUID().toString(), growth);
        ObjectNode request = Events.example(Events.MERCHANT_EVENTS, "ServiceRequested").put("merchantId", merchant.toString())
                .put("id", UUID.randomUUID().toString());
        Events.merchantEvent(merchant, "ServiceRequested", UUID.randomUUID().toString(), request);
        Events.merchantEvent(merchant, "MerchantSomethingNew", UUID.randomUUID().toString(), registered); // an unknown type: ignored

        awaitMerchant(merchant, equalTo(true), "registered");
        awaitMerchant(merchant, equalTo("STALLED"), "stage"); // MerchantGrowthAssessed, version 7, is the newest
        awaitMerchant(merchant, containsInAnyOrder("AD_OPTIMIZATION", "LIVE_OPERATIONS"), "needs");
        awaitMerchant(merchant, equalTo(2300000.00f), "ledgerGmv");
        given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", merchant).then()
                .body("kind", equalTo("INDUSTRIAL_BELT")).body("category", equalTo("kidswear")).body("region", equalTo("Zhili, Huzhou"))
                .body("stageVersion", equalTo(7)).body("profileVersion", equalTo(0)).body("ledgerEntries", equalTo(1));

        try (Stream<Path> files = Files.list(Events.PROVIDER_EVENTS)) {
            for (Path schema : files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList()) {
                UUID provider = UUID.randomUUID();
                String type = schema.getFileName().toString().replace(".schema.json", "");
                ObjectNode data = (ObjectNode) EventSchemas.examples(schema).get(0).deepCopy();
                data.put("id", provider.toString()).put("extra", 1);
                Events.providerEvent(provider, type, UUID.randomUUID().toString(), data);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                        .get("/read-models/providers/{id}", provider).then().statusCode(200)
                        .body("type", equalTo("INDUSTRIAL_BELT")).body("capacity", equalTo(20))
                        .body("capabilities", containsInAnyOrder("LIVE_OPERATIONS", "AD_OPTIMIZATION"))
                        .body("categories", containsInAnyOrder("kidswear")).body("tier", equalTo("HUNDRED_MILLION"))
                        .body("servedGmv12m", equalTo(120000000.0f)).body("merchantsLeapt", equalTo(3)));
            }
        }
    }

    @Test
    void duplicatesAndEventsOutOfOrderLeaveTheMerchantRight() {
        UUID m = UUID.randomUUID();
        // the ledger and the growth assessment arrive before the profile
        Events.gmv(m, "2021-07-01", "100.00", "s1", "GROWING", 3);
        Events.merchantEvent(m, "MerchantUpdated", UUID.randomUUID().toString(), Events.merchant(m, "BRAND", "apparel", "Hangzhou", "GROWING", 5));
        // a stale profile (version 2) and a stale stage (version 4) after the newer ones: changed nothing
        Events.merchantEvent(m, "MerchantUpdated", UUID.randomUUID().toString(), Events.merchant(m, "CREATOR", "toys", "Yiwu", "NEW", 2));
        Events.gmv(m, "2021-07-02", "50.00", "s2", "DECLINING", 4);
        // the same ledger entry republished (new event id, same sourceId) and redelivered (same event id)
        Events.gmv(m, "2021-07-01", "100.00", "s1", "GROWING", 3);
        String id = UUID.randomUUID().toString();
        ObjectNode s3 = Events.gmvRecorded(m, "2021-07-03", "25.50", "s3", "STALLED", 6);
        Events.merchantEvent(m, "MerchantGmvRecorded", id, s3);
        Events.merchantEvent(m, "MerchantGmvRecorded", id, s3);
        // service requests: the later request wins, whichever arrives first
        Events.merchantEvent(m, "ServiceRequested", UUID.randomUUID().toString(),
                Events.serviceRequested(UUID.randomUUID(), m, "2021-08-01T00:00:00Z", "CONTENT"));
        Events.merchantEvent(m, "ServiceRequested", UUID.randomUUID().toString(),
                Events.serviceRequested(UUID.randomUUID(), m, "2021-07-01T00:00:00Z", "TEAM_MANAGEMENT"));

        awaitMerchant(m, equalTo(3), "ledgerEntries");
        awaitMerchant(m, equalTo(175.50f), "ledgerGmv");
        awaitMerchant(m, containsInAnyOrder("CONTENT"), "needs");
        given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", m).then()
                .body("kind", equalTo("BRAND")).body("category", equalTo("apparel")).body("profileVersion", equalTo(5))
                .body("stage", equalTo("STALLED")).body("stageVersion", equalTo(6));
    }

    @Test
    void aStaleProviderEventChangesNothing() {
        UUID p = UUID.randomUUID();
        Events.providerEvent(p, "ProviderUpdated", UUID.randomUUID().toString(),
                Events.provider(p, "MCN", List.of("apparel"), List.of("Hangzhou"), List.of("CONTENT"), 7, 9));
        Events.providerEvent(p, "ProviderSuspended", UUID.randomUUID().toString(),
                Events.provider(p, "MCN", List.of("toys"), List.of("Yiwu"), List.of("CONTENT"), 1, 8).put("suspended", true));
        Events.providerEvent(p, "ProviderUpdated", UUID.randomUUID().toString(),
                Events.provider(p, "MCN", List.of("shoes"), List.of("Putian"), List.of("CONTENT", "NEW_CAPABILITY_CODE"), 5, 10));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/providers/{id}", p).then().statusCode(200).body("version", equalTo(10)));
        given().auth().oauth2(Tokens.admin()).get("/read-models/providers/{id}", p).then()
                .body("categories", containsInAnyOrder("shoes")).body("capacity", equalTo(5)).body("inGoodStanding", equalTo(true))
                .body("capabilities", containsInAnyOrder("CONTENT"));
    }

    @Test
    void poisonIsDeadLetteredWithItsReasonAndTheNextEventIsApplied() {
        UUID bad = UUID.randomUUID();
        TopicProbe.sendRaw(Events.bootstrap(), "merchant-events", bad.toString(), "{not json");
        ObjectNode noVersion = Events.merchant(bad, "BRAND", "apparel", "Hangzhou", "NEW", 0);
        noVersion.remove("version");
        Events.merchantEvent(bad, "MerchantUpdated", UUID.randomUUID().toString(), noVersion);
        UUID badProvider = UUID.randomUUID();
        Events.providerEvent(badProvider, "ProviderAdmitted", UUID.randomUUID().toString(),
                Events.provider(badProvider, "FACTORY", List.of(), List.of(), List.of(), 1, 1));
        UUID good = UUID.randomUUID();
        Events.registerMerchant(good, "CREATOR", "toys", "Yiwu", "NEW");
        try (TopicProbe dlq = TopicProbe.from(Events.bootstrap(), MERCHANT_DLQ)) {
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> bad.toString().equals(r.key()), 2, Duration.ofSeconds(30));
            assertTrue(TopicProbe.header(dead.get(0), "dead-letter-reason").contains("not a CloudEvent"));
            assertTrue(TopicProbe.header(dead.get(1), "dead-letter-reason").contains("version"), TopicProbe.header(dead.get(1), "dead-letter-reason"));
        }
        try (TopicProbe dlq = TopicProbe.from(Events.bootstrap(), PROVIDER_DLQ)) {
            ConsumerRecord<String, String> dead = dlq.await(r -> badProvider.toString().equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("FACTORY"));
        }
        awaitMerchant(good, equalTo("CREATOR"), "kind");
        given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", bad).then().spec(Problems.NOT_FOUND);
    }

    @Test
    void readModelsAreForAdminAndViewerOnly() {
        UUID m = UUID.randomUUID();
        Events.registerMerchant(m, "BRAND", "apparel", "Hangzhou", "NEW");
        awaitMerchant(m, equalTo(true), "registered");
        given().auth().oauth2(Tokens.viewer()).get("/read-models/merchants/{id}", m).then().statusCode(200);
        given().get("/read-models/merchants/{id}", m).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.merchant(m)).get("/read-models/merchants/{id}", m).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/read-models/providers/{id}", UUID.randomUUID())
                .then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/not-a-uuid").then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/read-models/providers/{id}", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/read-models/providers/not-a-uuid").then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/read-models/merchants/{id}", m).then().spec(Problems.of(403, "forbidden"));
        UUID p = Fixtures.provider(2);
        given().auth().oauth2(Tokens.viewer()).get("/read-models/providers/{id}", p).then().statusCode(200).body("id", equalTo(p.toString()));
        given().get("/read-models/providers/{id}", p).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.provider(p)).get("/read-models/providers/{id}", p).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(m)).get("/read-models/providers/{id}", p).then().spec(Problems.of(403, "forbidden"));
    }

}
