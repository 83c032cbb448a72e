package com.livecommerce.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data: merchants and providers through their events (as the producers publish them), engagements through the API. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A merchant registered through merchant-events, once matching's index has it. */
    public static UUID merchant(String kind, String category, String region) {
        UUID id = UUID.randomUUID();
        Events.registerMerchant(id, kind, category, region, "STALLED");
        awaitMerchant(id);
        return id;
    }

    public static UUID merchant() {
        return merchant("BRAND", "apparel", "Hangzhou");
    }

    public static void awaitMerchant(UUID id) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/merchants/{id}", id).then().statusCode(200).body("registered", equalTo(true)));
    }

    /** An admitted provider in good standing, through provider-events, once matching's index has it. */
    public static UUID provider(String type, List<String> categories, List<String> regions, List<String> capabilities, int capacity) {
        UUID id = UUID.randomUUID();
        Events.admitProvider(id, type, categories, regions, capabilities, capacity);
        awaitProvider(id, 4);
        return id;
    }

    public static UUID provider(int capacity) {
        return provider("BRAND", List.of("apparel"), List.of("Hangzhou"), List.of("LIVE_OPERATIONS", "AD_OPTIMIZATION"), capacity);
    }

    public static void awaitProvider(UUID id, long version) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/providers/{id}", id).then().statusCode(200).body("version", equalTo((int) version)));
    }

    /** Proposes an engagement as platform-admin; returns its id. */
    public static UUID propose(UUID merchant, UUID provider) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"merchantId": "%s", "providerId": "%s", "needs": ["LIVE_OPERATIONS"], "term": 3,
                         "kpiCommitment": {"gmvTarget": 900000}, "commissionBps": 800}""".formatted(merchant, provider))
                .post("/engagements").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static void accept(UUID engagement, UUID merchant) {
        given().auth().oauth2(Tokens.merchant(merchant)).post("/engagements/{id}/accept", engagement).then().statusCode(200);
    }

    public static void activate(UUID engagement, UUID provider) {
        given().auth().oauth2(Tokens.provider(provider)).post("/engagements/{id}/activate", engagement).then().statusCode(200);
    }

    /** An ACTIVE engagement between them. */
    public static UUID active(UUID merchant, UUID provider) {
        UUID e = propose(merchant, provider);
        accept(e, merchant);
        activate(e, provider);
        return e;
    }

    /** Stops the service's clock at {@code instant} for the rest of the current test. */
    public static void now(String instant) {
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse(instant)), UtcClock.class);
    }
}
