package com.livecommerce.session;

import static io.restassured.RestAssured.given;

import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;

/** Test data through the public API, as a client would create it. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String body(UUID merchant, UUID provider, UUID operator, int plannedMinutes, String gmvTarget,
            String paidPromotion, String fanBoost) {
        return """
                {"merchantId": "%s", "providerId": %s, "operatorId": %s, "title": "Down jackets live",
                 "scheduledStart": "2021-11-25T11:00:00Z", "plannedMinutes": %d, "gmvTarget": %s,
                 "adBudget": {"PAID_PROMOTION": %s, "FAN_BOOST": %s}}""".formatted(merchant, quoted(provider), quoted(operator),
                plannedMinutes, gmvTarget, paidPromotion, fanBoost);
    }

    private static String quoted(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }

    /** Schedules a session as platform-admin; returns its id. */
    public static UUID session(UUID merchant, UUID provider, UUID operator) {
        return session(body(merchant, provider, operator, 240, "2300000.00", "100000.00", "50000.00"));
    }

    public static UUID session(String body) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/sessions").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static void start(UUID session) {
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/start", session).then().statusCode(200);
    }

    public static void end(UUID session) {
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/end", session).then().statusCode(200);
    }

    /** Stops the service's clock at {@code instant} for the rest of the current test. */
    public static void now(String instant) {
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse(instant)), UtcClock.class);
    }

    public static void now(Instant instant) {
        QuarkusMock.installMockForType(UtcClock.fixed(instant), UtcClock.class);
    }
}
