package com.livecommerce.merchant.ledger;

import static io.restassured.RestAssured.given;
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
class GmvLedgerTest {

    static final String THREE_DAYS = """
            [{"date": "2023-11-22", "gmv": "2300000.10", "orders": 21000, "sourceId": "d1"},
             {"date": "2023-11-22", "gmv": 0.20, "orders": 1, "sourceId": "d1-late"},
             {"date": "2023-12-01", "gmv": 100, "orders": 3, "sourceId": "d2"}]""";

    @Test
    void recordsEntriesOncePerSourceId() {
        UUID id = Fixtures.merchant("Ledger Once");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(THREE_DAYS)
                .post("/merchants/{id}/gmv", id)
                .then().statusCode(200).body("recorded", equalTo(3)).body("duplicates", equalTo(0));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(THREE_DAYS)
                .post("/merchants/{id}/gmv", id)
                .then().statusCode(200).body("recorded", equalTo(0)).body("duplicates", equalTo(3));
        // a repeated source id with another amount changes nothing either
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("[{\"date\": \"2023-11-22\", \"gmv\": 999, \"orders\": 1, \"sourceId\": \"d1\"}]")
                .post("/merchants/{id}/gmv", id)
                .then().statusCode(200).body("recorded", equalTo(0));
        given().auth().oauth2(Tokens.admin()).queryParam("from", "2023-11-01").queryParam("to", "2023-12-31")
                .get("/merchants/{id}/gmv", id)
                .then().statusCode(200)
                .body("totalGmv", equalTo(2300100.30f))
                .body("totalOrders", equalTo(21004))
                .body("points", hasSize(2))
                .body("points[0].period", equalTo("2023-11-22"))
                .body("points[0].gmv", equalTo(2300000.30f))
                .body("points[1].period", equalTo("2023-12-01"));
    }

    @Test
    void monthViewSumsExactly() {
        UUID id = Fixtures.merchant("Ledger Months");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(THREE_DAYS)
                .post("/merchants/{id}/gmv", id).then().statusCode(200);
        String body = given().auth().oauth2(Tokens.merchant(id)).queryParam("from", "2023-01-01").queryParam("to", "2023-12-31")
                .queryParam("granularity", "month")
                .get("/merchants/{id}/gmv", id)
                .then().statusCode(200)
                .body("points", hasSize(2))
                .body("points[0].period", equalTo("2023-11"))
                .body("points[1].period", equalTo("2023-12"))
                .body("points[1].orders", equalTo(3))
                .extract().asString();
        // exact decimals on the wire, no binary floating point
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"gmv\":2300000.30"), body);
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"totalGmv\":2300100.30"), body);
    }

    @Test
    void aBatchWithOneBadEntryIsRefusedWhole() {
        UUID id = Fixtures.merchant("Ledger Atomic");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("""
                        [{"date": "2023-11-22", "gmv": 10, "orders": 1, "sourceId": "ok"},
                         {"date": "2023-11-23", "gmv": 10.123, "orders": 1, "sourceId": "three-decimals"},
                         {"date": "2023-11-24", "gmv": -1, "orders": 1, "sourceId": ""}]""")
                .post("/merchants/{id}/gmv", id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("[1].gmv"))
                .body("errors.field", hasItem("[2].gmv"))
                .body("errors.field", hasItem("[2].sourceId"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("[{\"date\": \"2023-13-45\", \"gmv\": 10, \"orders\": 1, \"sourceId\": \"bad-date\"}]")
                .post("/merchants/{id}/gmv", id)
                .then().statusCode(400).body("errors[0].field", equalTo("[0].date"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("[]")
                .post("/merchants/{id}/gmv", id).then().statusCode(422);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"date\": \"2023-11-22\"}")
                .post("/merchants/{id}/gmv", id).then().statusCode(400);
        given().auth().oauth2(Tokens.admin()).queryParam("from", "2023-01-01").queryParam("to", "2023-12-31")
                .get("/merchants/{id}/gmv", id)
                .then().statusCode(200).body("points", hasSize(0)).body("totalGmv", equalTo(0f));
    }

    @Test
    void recordingIsForPlatformAdminOnly() {
        UUID id = Fixtures.merchant("Ledger Guarded");
        String one = "[{\"date\": \"2023-11-22\", \"gmv\": 10, \"orders\": 1, \"sourceId\": \"x\"}]";
        given().contentType(ContentType.JSON).body(one).post("/merchants/{id}/gmv", id).then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(id)).contentType(ContentType.JSON).body(one)
                .post("/merchants/{id}/gmv", id).then().statusCode(403);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body(one)
                .post("/merchants/{id}/gmv", id).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(one)
                .post("/merchants/{id}/gmv", id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(one)
                .post("/merchants/{id}/gmv", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
    }

    @Test
    void readingChecksParametersRolesAndTenant() {
        UUID id = Fixtures.merchant("Ledger Reader");
        given().auth().oauth2(Tokens.admin()).queryParam("granularity", "week").get("/merchants/{id}/gmv", id)
                .then().statusCode(400).body("errors[0].field", equalTo("granularity"));
        given().auth().oauth2(Tokens.admin()).queryParam("from", "2023-12-01").queryParam("to", "2023-11-01")
                .get("/merchants/{id}/gmv", id).then().statusCode(422).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(Tokens.admin()).queryParam("from", "yesterday").get("/merchants/{id}/gmv", id)
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().get("/merchants/{id}/gmv", id).then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).get("/merchants/{id}/gmv", id).then().statusCode(200);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/merchants/{id}/gmv", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/merchants/{id}/gmv", id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}/gmv", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
    }

    /** Each entry is written on its own day: the stage is assessed as of today (UTC) on every write. */
    @Test
    void stageFollowsTheLedger() {
        UUID id = Fixtures.merchant("Ledger Stages");
        Fixtures.today("2024-01-10");
        Fixtures.gmv(id, "2024-01-10", "1000.00", "a");
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("stage", equalTo("NEW"));
        Fixtures.today("2024-04-10");
        Fixtures.gmv(id, "2024-04-10", "1500.00", "b"); // recent 90 days 1500 vs prior 1000
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("stage", equalTo("GROWING"));
        Fixtures.today("2024-07-10");
        Fixtures.gmv(id, "2024-07-10", "1400.00", "c"); // 1400 vs 1500: down less than 20%
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("stage", equalTo("STALLED"));
        Fixtures.today("2024-10-10");
        Fixtures.gmv(id, "2024-10-10", "1120.00", "d"); // 1120 vs 1400: down exactly 20%
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("stage", equalTo("DECLINING"));
    }
}
