package com.livecommerce.merchant.servicerequest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceRequestTest {

    static final String VALID = """
            {"needs": ["AD_OPTIMIZATION", "LIVE_OPERATIONS"], "monthlyBudget": "300000.00", "gmvTarget": 2300000,
             "notes": "double-11 push"}""";

    @Test
    void theMerchantAsksForAProviderAndSeesItsRequests() {
        UUID id = Fixtures.merchant("Kids Products Merchant");
        String location = given().auth().oauth2(Tokens.merchant(id)).contentType(ContentType.JSON).body(VALID)
                .post("/merchants/{id}/service-requests", id)
                .then().statusCode(201)
                .header("Location", containsString("/merchants/" + id + "/service-requests/"))
                .body("needs", containsInAnyOrder("AD_OPTIMIZATION", "LIVE_OPERATIONS"))
                .body("monthlyBudget", equalTo(300000.00f))
                .body("status", equalTo("OPEN"))
                .extract().header("Location");
        given().auth().oauth2(Tokens.merchant(id)).get(location).then().statusCode(200).body("notes", equalTo("double-11 push"));
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get(location).then().statusCode(403);
        given().get(location).then().statusCode(401);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get(location).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(VALID.replace("double-11 push", "second"))
                .post("/merchants/{id}/service-requests", id).then().statusCode(201);
        given().auth().oauth2(Tokens.merchant(id)).queryParam("size", 1)
                .get("/merchants/{id}/service-requests", id)
                .then().statusCode(200).body("total", equalTo(2)).body("items", hasSize(1))
                .body("items[0].notes", equalTo("second"));
        given().auth().oauth2(Tokens.viewer()).get("/merchants/{id}/service-requests", id).then().statusCode(200);
    }

    @Test
    void requestsAreValidated() {
        UUID id = Fixtures.merchant("Validated Requests");
        given().auth().oauth2(Tokens.merchant(id)).contentType(ContentType.JSON)
                .body("{\"needs\": [], \"monthlyBudget\": 1.234, \"gmvTarget\": -5}")
                .post("/merchants/{id}/service-requests", id)
                .then().statusCode(422)
                .body("errors.field", hasItem("needs"))
                .body("errors.field", hasItem("monthlyBudget"))
                .body("errors.field", hasItem("gmvTarget"));
        given().auth().oauth2(Tokens.merchant(id)).contentType(ContentType.JSON)
                .body(VALID.replace("AD_OPTIMIZATION", "MAGIC"))
                .post("/merchants/{id}/service-requests", id)
                .then().statusCode(400).body("errors[0].field", equalTo("needs[0]"));
        given().auth().oauth2(Tokens.merchant(id)).get("/merchants/{id}/service-requests", id)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void onlyTheMerchantItselfOrAdminMayAsk() {
        UUID id = Fixtures.merchant("Guarded Requests");
        given().contentType(ContentType.JSON).body(VALID).post("/merchants/{id}/service-requests", id).then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body(VALID)
                .post("/merchants/{id}/service-requests", id).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(VALID)
                .post("/merchants/{id}/service-requests", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body(VALID)
                .post("/merchants/{id}/service-requests", id).then().statusCode(403);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/merchants/{id}/service-requests", id).then().statusCode(403);
        given().get("/merchants/{id}/service-requests", id).then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(VALID)
                .post("/merchants/{id}/service-requests", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}/service-requests/{r}", id, UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
    }
}
