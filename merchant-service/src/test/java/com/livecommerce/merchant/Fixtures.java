package com.livecommerce.merchant;

import static io.restassured.RestAssured.given;

import com.livecommerce.testsupport.Tokens;
import io.restassured.http.ContentType;
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

    /** Records one ledger entry per (date, gmv) pair as platform-admin. */
    public static void gmv(UUID merchant, String date, String gmv, String sourceId) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("[{\"date\": \"%s\", \"gmv\": \"%s\", \"orders\": 1, \"sourceId\": \"%s\"}]".formatted(date, gmv, sourceId))
                .post("/merchants/{id}/gmv", merchant)
                .then().statusCode(200);
    }
}
