package com.livecommerce.provider;

import static io.restassured.RestAssured.given;

import com.livecommerce.testsupport.Tokens;
import io.restassured.http.ContentType;
import java.util.UUID;

/** Test data through the public API, as a client would create it. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String application(String name, String type, String category, int capacity, String declaredServedGmv) {
        return """
                {"name": "%s", "type": "%s", "categories": [%s], "regions": ["Zhili, Huzhou"],
                 "capabilities": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "capacity": %d, "declaredServedGmv": "%s"}"""
                .formatted(name, type, category == null ? "" : "\"" + category + "\"", capacity, declaredServedGmv);
    }

    public static UUID provider(String name, String type, String category, int capacity, String declaredServedGmv) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(application(name, type, category, capacity, declaredServedGmv))
                .post("/providers").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** An operator added by platform-admin; a certified one carries the evidence certification needs. */
    public static UUID operator(UUID provider, boolean certified) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Operator\", \"specialties\": [\"AD_OPTIMIZATION\"], \"certified\": %s, \"evidence\": \"%s\"}"
                        .formatted(certified, certified ? "platform operator exam passed" : ""))
                .post("/providers/{id}/operators", provider).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** An MCN provider that passed admission (3 certified operators, 50M declared served GMV). */
    public static UUID admitted(String name, String type, String category) {
        UUID id = provider(name, type, category, 10, "50000000.00");
        for (int i = 0; i < 3; i++) {
            operator(id, true);
        }
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id).then().statusCode(200);
        return id;
    }
}
