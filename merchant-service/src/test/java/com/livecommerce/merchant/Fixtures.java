package com.livecommerce.merchant;

import static io.restassured.RestAssured.given;

import com.livecommerce.testsupport.Tokens;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;

/** Test data through the public API, as a client would create it. */
public final class Fixtures {

    private Fixtures() {
    }

    public static UUID merchant(String name, String kind, String category, String region) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "kind": "%s", "category": "%s", "region": "%s", "followers": 1000, "trustRights": true}"""
                        .formatted(name, kind, category, region))
                .post("/merchants")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID merchant(String name) {
        return merchant(name, "BRAND", "apparel", "Hangzhou");
    }

    /**
     * Stops the service's clock at noon UTC of {@code date} for the rest of the current test (the JVM
     * runs in Asia/Shanghai: noon UTC is already evening there, the same calendar day).
     */
    public static void today(String date) {
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse(date + "T12:00:00Z")), UtcClock.class);
    }

    /** Stops the service's clock at {@code instant} for the rest of the current test. */
    public static void now(String instant) {
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse(instant)), UtcClock.class);
    }

    /** Records one ledger entry per (date, gmv) pair as platform-admin. */
    public static void gmv(UUID merchant, String date, String gmv, String sourceId) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("[{\"date\": \"%s\", \"gmv\": \"%s\", \"orders\": 1, \"sourceId\": \"%s\"}]".formatted(date, gmv, sourceId))
                .post("/merchants/{id}/gmv", merchant)
                .then().statusCode(200);
    }
}
