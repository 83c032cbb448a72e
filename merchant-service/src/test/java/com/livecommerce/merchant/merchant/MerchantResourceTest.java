package com.livecommerce.merchant.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MerchantResourceTest {

    static final String VALID = """
            {"name": "Zhili Kidswear Factory", "kind": "INDUSTRIAL_BELT", "category": "kidswear",
             "region": "Zhili, Huzhou", "followers": 1000000, "trustRights": true, "repurchaseRate": 0.7}""";

    @Test
    void testsListenOnARandomPortSoTheyRunBesideTheLocalSuite() {
        // ./suite up holds 8081-8084; the tests must not need any of them
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Set.of(8081, 8082, 8083, 8084).contains(io.restassured.RestAssured.port),
                "test port " + io.restassured.RestAssured.port);
    }

    @Test
    void registerAnswers201WithLocationAndTheMerchant() {
        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(VALID)
                .post("/merchants")
                .then().statusCode(201)
                .header("Location", containsString("/merchants/"))
                .body("id", notNullValue())
                .body("name", equalTo("Zhili Kidswear Factory"))
                .body("kind", equalTo("INDUSTRIAL_BELT"))
                .body("followers", equalTo(1000000))
                .body("trustRights", equalTo(true))
                .body("repurchaseRate", equalTo(0.7f))
                .body("stage", equalTo("NEW"))
                .body("version", equalTo(0))
                .extract().header("Location");
        given().auth().oauth2(Tokens.admin()).get(location).then().statusCode(200).body("region", equalTo("Zhili, Huzhou"));
    }

    @Test
    void registerValidatesEveryField() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"name": " ", "kind": "BRAND", "category": "Not A Code", "region": "x", "followers": -1}""")
                .post("/merchants")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:validation"))
                .body("errors.field", hasItems("name", "category", "followers", "trustRights"));
    }

    @Test
    void registerRefusesUnknownEnumWrongTypeAndBrokenJson() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(VALID.replace("INDUSTRIAL_BELT", "FACTORY"))
                .post("/merchants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:invalid-field"))
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("FACTORY"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(VALID.replace("1000000", "\"many\""))
                .post("/merchants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("followers"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", ")
                .post("/merchants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:malformed-json"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("[1, 2]")
                .post("/merchants")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.TEXT).body("name=x")
                .post("/merchants")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIs413() {
        String huge = VALID.replace("\"Zhili Kidswear Factory\"", "\"" + "x".repeat(2_000_000) + "\"");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(huge)
                .post("/merchants")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:payload-too-large"));
    }

    @Test
    void registerNeedsATokenAndTheAdminRole() {
        given().contentType(ContentType.JSON).body(VALID).post("/merchants").then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(VALID).post("/merchants")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body(VALID).post("/merchants")
                .then().statusCode(403);
    }

    @Test
    void getIsForAdminViewerAndTheMerchantItselfOnly() {
        UUID id = Fixtures.merchant("Down Jacket Brand");
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().statusCode(200).body("id", equalTo(id.toString()));
        given().auth().oauth2(Tokens.viewer()).get("/merchants/{id}", id).then().statusCode(200);
        given().auth().oauth2(Tokens.merchant(id)).get("/merchants/{id}", id).then().statusCode(200);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/merchants/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/merchants/{id}", id).then().statusCode(403);
        given().get("/merchants/{id}", id).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/merchants/{id}", id).then().statusCode(401);
    }

    @Test
    void unknownMerchantIs404AndABadIdIsNot500() {
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", UUID.randomUUID())
                .then().spec(Problems.NOT_FOUND).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:not-found"));
        given().auth().oauth2(Tokens.admin()).get("/merchants/not-a-uuid").then().spec(Problems.NOT_FOUND);
    }

    @Test
    void patchChangesFieldsAndBumpsTheVersion() {
        UUID id = Fixtures.merchant("Creator C", "CREATOR", "kidswear", "Zhili, Huzhou");
        given().auth().oauth2(Tokens.merchant(id)).contentType(ContentType.JSON)
                .body("{\"version\": 0, \"followers\": 2000000, \"trustRights\": false}")
                .patch("/merchants/{id}", id)
                .then().statusCode(200)
                .body("followers", equalTo(2000000))
                .body("trustRights", equalTo(false))
                .body("name", equalTo("Creator C"))
                .body("version", equalTo(1));
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("followers", equalTo(2000000)).body("version", equalTo(1));
    }

    @Test
    void patchWithAStaleVersionIs409AndChangesNothing() {
        UUID id = Fixtures.merchant("Stale Writer");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 5}")
                .patch("/merchants/{id}", id).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 7}")
                .patch("/merchants/{id}", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:version-conflict"));
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("followers", equalTo(5));
    }

    @Test
    void concurrentPatchesOfOneVersionLetExactlyOneWin() throws Exception {
        UUID id = Fixtures.merchant("Contended");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int followers = 100 + i;
                answers.add(threads.submit(() -> given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body("{\"version\": 0, \"followers\": " + followers + "}")
                        .patch("/merchants/{id}", id).statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            org.junit.jupiter.api.Assertions.assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            threads.shutdown();
        }
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("version", equalTo(1));
    }

    @Test
    void patchValidatesAndChecksRolesAndTenant() {
        UUID id = Fixtures.merchant("Patch Guarded");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"followers\": 5}")
                .patch("/merchants/{id}", id)
                .then().statusCode(422).body("errors.field", hasItem("version"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"name\": \"   \"}")
                .patch("/merchants/{id}", id)
                .then().statusCode(422).body("errors.field", hasItem("name"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"repurchaseRate\": 1.5}")
                .patch("/merchants/{id}", id)
                .then().statusCode(422).body("errors.field", hasItem("repurchaseRate"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"kind\": \"MCN\"}")
                .patch("/merchants/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 5}")
                .patch("/merchants/{id}", id).then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 5}")
                .patch("/merchants/{id}", id).then().statusCode(403);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 5}")
                .patch("/merchants/{id}", id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"followers\": 5}")
                .patch("/merchants/{id}", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("version", equalTo(0)).body("followers", equalTo(1000));
    }

    @Test
    void listFiltersAndPages() {
        String region = "Region-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            Fixtures.merchant("Belt " + i, "INDUSTRIAL_BELT", "kidswear", region);
        }
        Fixtures.merchant("Brand in region", "BRAND", "kidswear", region);
        given().auth().oauth2(Tokens.viewer()).queryParam("region", region).queryParam("kind", "INDUSTRIAL_BELT")
                .queryParam("size", 2).queryParam("page", 0)
                .get("/merchants")
                .then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.kind", everyItem(equalTo("INDUSTRIAL_BELT")));
        given().auth().oauth2(Tokens.admin()).queryParam("region", region).queryParam("kind", "INDUSTRIAL_BELT")
                .queryParam("size", 2).queryParam("page", 1)
                .get("/merchants")
                .then().statusCode(200).body("items", hasSize(1)).body("total", equalTo(3));
        given().auth().oauth2(Tokens.admin()).queryParam("region", region).queryParam("stage", "NEW")
                .get("/merchants").then().statusCode(200).body("total", equalTo(4));
        given().auth().oauth2(Tokens.admin()).get("/merchants").then().statusCode(200).body("total", greaterThanOrEqualTo(4));
    }

    @Test
    void listRefusesBadParametersAndOtherRoles() {
        // a value that is not of the parameter's type is a 400, as in a body; a value out of range a 422
        given().auth().oauth2(Tokens.admin()).queryParam("kind", "FACTORY").get("/merchants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:invalid-field")).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(Tokens.admin()).queryParam("stage", "SLEEPING").get("/merchants")
                .then().statusCode(400).body("errors[0].field", equalTo("stage"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "abc").get("/merchants")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "1000").get("/merchants")
                .then().statusCode(422).body("errors[0].field", equalTo("size"));
        given().get("/merchants").then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/merchants").then().statusCode(403);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().auth().oauth2(Tokens.admin()).get("/nothing-here").then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).delete("/merchants/{id}", UUID.randomUUID())
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void openApiHealthAndMetricsNeedNoToken() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/merchants/{id}/growth"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/metrics").then().body(endsWith("\n"));
    }
}
