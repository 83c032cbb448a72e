package com.livecommerce.provider.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProviderResourceTest {

    @Test
    void anApplicationIsRecordedAsApplied() {
        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.application("Zhili Belt Services", "INDUSTRIAL_BELT", "kidswear", 20, "150000000.00"))
                .post("/providers")
                .then().statusCode(201)
                .header("Location", containsString("/providers/"))
                .body("status", equalTo("APPLIED"))
                .body("categories", hasItem("kidswear"))
                .body("capabilities", hasItems("LIVE_OPERATIONS", "AD_OPTIMIZATION"))
                .body("declaredServedGmv", equalTo(150000000.00f))
                .body("tier", equalTo("NONE"))
                .body("version", equalTo(0))
                .extract().header("Location");
        given().auth().oauth2(Tokens.admin()).get(location).then().statusCode(200).body("name", equalTo("Zhili Belt Services"));
    }

    @Test
    void applicationsAreValidated() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"type\": \"MCN\", \"categories\": [\"Bad Code\"], \"regions\": [], \"capabilities\": [],"
                        + " \"capacity\": -1, \"declaredServedGmv\": 1.001}")
                .post("/providers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "capacity", "declaredServedGmv"))
                .body("errors.field", hasItem(containsString("categories")));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.application("x", "AGENCY", "kidswear", 1, "1"))
                .post("/providers").then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.application("x", "MCN", "kidswear", 1, "1").replace("LIVE_OPERATIONS", "MAGIC"))
                .post("/providers").then().statusCode(400).body("errors[0].field", equalTo("capabilities[0]"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{")
                .post("/providers").then().statusCode(400).body("type", equalTo("urn:livecommerce:problem:malformed-json"));
    }

    @Test
    void onlyPlatformAdminRegistersAndListsProviders() {
        String body = Fixtures.application("x", "MCN", "kidswear", 1, "1");
        given().contentType(ContentType.JSON).body(body).post("/providers").then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(body).post("/providers").then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body(body).post("/providers").then().statusCode(403);
        given().get("/providers").then().statusCode(401);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/providers").then().statusCode(403);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/providers").then().statusCode(403);
    }

    @Test
    void aProviderSeesAndChangesOnlyItsOwnRecord() {
        UUID id = Fixtures.provider("Own Record", "MCN", "apparel", 5, "1000");
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}", id).then().statusCode(200);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/providers/{id}", id).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).get("/providers/{id}", id).then().statusCode(403);
        given().get("/providers/{id}", id).then().statusCode(401);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"version\": 0, \"capacity\": 8}")
                .patch("/providers/{id}", id).then().statusCode(200).body("capacity", equalTo(8)).body("version", equalTo(1));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body("{\"version\": 1, \"capacity\": 9}")
                .patch("/providers/{id}", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"version\": 0, \"capacity\": 9}")
                .patch("/providers/{id}", id).then().statusCode(409).body("type", equalTo("urn:livecommerce:problem:version-conflict"));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"capacity\": 9}")
                .patch("/providers/{id}", id).then().statusCode(422).body("errors.field", hasItem("version"));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void listFiltersByTypeCategoryStatusAndPages() {
        String category = "cat-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.provider("A", "MCN", category, 5, "1");
        Fixtures.provider("B", "MCN", category, 5, "1");
        Fixtures.provider("C", "BRAND", category, 5, "1");
        Fixtures.admitted("D", "MCN", category);
        given().auth().oauth2(Tokens.admin()).queryParam("category", category).queryParam("type", "MCN").queryParam("size", 2)
                .get("/providers").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2)).body("items.type", everyItem(equalTo("MCN")));
        given().auth().oauth2(Tokens.admin()).queryParam("category", category).queryParam("status", "ADMITTED")
                .get("/providers").then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("D"));
        given().auth().oauth2(Tokens.admin()).queryParam("category", category).queryParam("tier", "NONE")
                .get("/providers").then().statusCode(200).body("total", equalTo(4));
        given().auth().oauth2(Tokens.admin()).queryParam("status", "SLEEPING").get("/providers")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(Tokens.admin()).queryParam("page", "x").get("/providers")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void operatorsBelongToTheirProvider() {
        UUID id = Fixtures.provider("Operators Inc", "MCN", "apparel", 5, "1");
        String location = given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"name\": \"Li Wei\", \"specialties\": [\"AD_OPTIMIZATION\", \"PRODUCT_SELECTION\"], \"certified\": true}")
                .post("/providers/{id}/operators", id)
                .then().statusCode(201).body("certified", equalTo(true)).body("sessionsRun", equalTo(0))
                .extract().header("Location");
        given().auth().oauth2(Tokens.provider(id)).get(location).then().statusCode(200).body("name", equalTo("Li Wei"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get(location).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/operators/{o}", id, UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/operators", id)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].specialties", hasItems("AD_OPTIMIZATION", "PRODUCT_SELECTION"));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"specialties\": [\"DANCING\"], \"certified\": true}")
                .post("/providers/{id}/operators", id).then().statusCode(400);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"specialties\": []}")
                .post("/providers/{id}/operators", id).then().statusCode(422).body("errors.field", hasItems("name", "certified"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/providers/{id}/operators", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"specialties\": [], \"certified\": true}")
                .post("/providers/{id}/operators", id).then().statusCode(403);
        given().get("/providers/{id}/operators", id).then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).get("/providers/{id}/operators", id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/operators", UUID.randomUUID()).then().statusCode(404);
    }
}
