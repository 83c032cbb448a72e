package com.livecommerce.provider.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProviderResourceTest {

    static final String NOT_FOUND = "urn:livecommerce:problem:not-found";

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
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"version\": 0, \"name\": \"Own Record Ltd\"}")
                .patch("/providers/{id}", id).then().statusCode(200).body("name", equalTo("Own Record Ltd")).body("version", equalTo(1));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body("{\"version\": 1, \"name\": \"Mine\"}")
                .patch("/providers/{id}", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"version\": 0, \"name\": \"Stale\"}")
                .patch("/providers/{id}", id).then().statusCode(409).body("type", equalTo("urn:livecommerce:problem:version-conflict"));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"name\": \"No Version\"}")
                .patch("/providers/{id}", id).then().statusCode(422).body("errors.field", hasItem("version"));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"version\": 0, \"name\": \"Nobody\"}")
                .patch("/providers/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
    }

    /**
     * Strict admission cannot be passed by the applicant alone: while APPLIED or ADMITTED the provider
     * cannot change what its admission was judged on (it once could raise declaredServedGmv itself);
     * platform-admin can, and each such change is in the audit trail. REJECTED: the provider may.
     */
    @Test
    void theFieldsAdmissionWasJudgedOnAreChangedByPlatformAdminOnlyAndAudited() {
        UUID id = Fixtures.provider("Judged Fields", "MCN", "apparel", 5, "5000000.00");
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"version\": 0, \"declaredServedGmv\": \"20000000.00\", \"capacity\": 50, \"categories\": [\"apparel\", \"beauty\"],"
                        + " \"name\": \"Judged Fields Ltd\"}")
                .patch("/providers/{id}", id)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:forbidden"))
                .body("errors.field", containsInAnyOrder("declaredServedGmv", "capacity", "categories"));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then()
                .body("version", equalTo(0)).body("name", equalTo("Judged Fields")).body("declaredServedGmv", equalTo(5000000.00f));
        // the other fields stay the provider's, and sending the current value of a judged field is no change
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"version\": 0, \"name\": \"Judged Fields Ltd\", \"regions\": [\"Hangzhou\"], \"capabilities\": [\"CONTENT\"],"
                        + " \"capacity\": 5, \"declaredServedGmv\": 5000000}")
                .patch("/providers/{id}", id)
                .then().statusCode(200).body("name", equalTo("Judged Fields Ltd")).body("regions", contains("Hangzhou"))
                .body("capabilities", contains("CONTENT")).body("version", equalTo(1));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"version\": 1, \"declaredServedGmv\": \"20000000.00\"}")
                .patch("/providers/{id}", id).then().statusCode(200).body("declaredServedGmv", equalTo(20000000.00f));
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/decisions", id).then().statusCode(200)
                .body("items.action", contains("ADMISSION_FIELDS_CHANGED"))
                .body("items[0].reasons", contains("declaredServedGmv: 5000000.00 -> 20000000.00"))
                .body("items[0].actor", equalTo("ops"));

        UUID admitted = Fixtures.admitted("Judged And Admitted", "MCN", "apparel");
        given().auth().oauth2(Tokens.provider(admitted)).contentType(ContentType.JSON).body("{\"version\": 1, \"capacity\": 100}")
                .patch("/providers/{id}", admitted).then().statusCode(403).body("errors.field", contains("capacity"));

        UUID rejected = Fixtures.provider("Judged And Rejected", "MCN", "apparel", 5, "100.00");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", rejected).then().body("status", equalTo("REJECTED"));
        given().auth().oauth2(Tokens.provider(rejected)).contentType(ContentType.JSON)
                .body("{\"version\": 1, \"declaredServedGmv\": \"12000000.00\"}")
                .patch("/providers/{id}", rejected).then().statusCode(200).body("declaredServedGmv", equalTo(12000000.00f));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/decisions", rejected).then()
                .body("items.action", contains("REJECTED", "ADMISSION_FIELDS_CHANGED"))
                .body("items[1].reasons", contains("declaredServedGmv: 100.00 -> 12000000.00"));
    }

    @Test
    void concurrentPatchesOfOneVersionLetExactlyOneWin() throws Exception {
        UUID id = Fixtures.provider("Contended", "MCN", "apparel", 5, "1");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "Contender " + i;
                answers.add(threads.submit(() -> given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                        .body("{\"version\": 0, \"name\": \"" + name + "\"}")
                        .patch("/providers/{id}", id).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            threads.shutdown();
        }
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then().body("version", equalTo(1))
                .body("name", startsWith("Contender "));
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
                .body("{\"name\": \"Li Wei\", \"specialties\": [\"AD_OPTIMIZATION\", \"PRODUCT_SELECTION\"]}")
                .post("/providers/{id}/operators", id)
                .then().statusCode(201).body("certified", equalTo(false)).body("sessionsRun", equalTo(0))
                .extract().header("Location");
        given().auth().oauth2(Tokens.provider(id)).get(location).then().statusCode(200).body("name", equalTo("Li Wei"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get(location).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/operators/{o}", id, UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/operators", id)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].specialties", hasItems("AD_OPTIMIZATION", "PRODUCT_SELECTION"));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"specialties\": [\"DANCING\"]}")
                .post("/providers/{id}/operators", id).then().statusCode(400);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"specialties\": []}")
                .post("/providers/{id}/operators", id).then().statusCode(422).body("errors.field", contains("name"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/providers/{id}/operators", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"specialties\": []}")
                .post("/providers/{id}/operators", id).then().statusCode(403);
        given().get("/providers/{id}/operators", id).then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).get("/providers/{id}/operators", id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/operators", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
    }

    /** The loophole that was: a provider added operators marked certified itself and passed admission with them. */
    @Test
    void aProviderCannotCertifyItsOwnOperators() {
        UUID id = Fixtures.provider("Self Certifier", "MCN", "apparel", 5, "50000000.00");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                    .body("{\"name\": \"Self-made %d\", \"specialties\": [], \"certified\": true, \"evidence\": \"trust us\"}".formatted(i))
                    .post("/providers/{id}/operators", id)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:livecommerce:problem:forbidden"))
                    .body("detail", containsString("certifying an operator is a platform act"))
                    .body("detail", containsString("/certification"));
            given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                    .body("{\"name\": \"Self-made %d\", \"specialties\": [], \"certified\": false}".formatted(i))
                    .post("/providers/{id}/operators", id).then().statusCode(201).body("certified", equalTo(false));
        }
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("reasons.rule", contains("MIN_CERTIFIED_OPERATORS"));
    }
}
