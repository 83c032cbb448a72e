package com.livecommerce.provider.admission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class AdmissionTest {

    static final String NOT_FOUND = "urn:livecommerce:problem:not-found";

    /**
     * Each rule failing alone, and all passing (MCN: 3 certified operators, 10,000,000 CNY declared
     * served GMV; INDUSTRIAL_BELT: 2 and 5,000,000).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "all pass,                MCN,             apparel, 5, 10000000.00, 3, false, ADMITTED, ''",
            "belt thresholds,         INDUSTRIAL_BELT, apparel, 5, 5000000.00,  2, false, ADMITTED, ''",
            "too few operators,       MCN,             apparel, 5, 10000000.00, 2, false, REJECTED, MIN_CERTIFIED_OPERATORS",
            "one fen short,           MCN,             apparel, 5, 9999999.99,  3, false, REJECTED, MIN_SERVED_GMV",
            "no category,             MCN,             '',      5, 10000000.00, 3, false, REJECTED, HAS_CATEGORY",
            "no capacity,             MCN,             apparel, 0, 10000000.00, 3, false, REJECTED, HAS_CAPACITY",
            "suspended applicant,     MCN,             apparel, 5, 10000000.00, 3, true,  SUSPENDED, NO_ACTIVE_SUSPENSION"})
    void eachRuleFailsAloneAndAllPass(String name, String type, String category, int capacity, String gmv, int certified,
            boolean suspended, String status, String failedRule) {
        UUID id = Fixtures.provider(name, type, category.isEmpty() ? null : category, capacity, gmv);
        for (int i = 0; i < certified; i++) {
            Fixtures.operator(id, true);
        }
        Fixtures.operator(id, false); // uncertified operators never count
        if (suspended) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"fraud report\"}")
                    .post("/providers/{id}/suspend", id).then().statusCode(200).body("status", equalTo("SUSPENDED"));
        }
        var response = given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id).then().statusCode(200);
        if (failedRule.isEmpty()) {
            response.body("status", equalTo("ADMITTED")).body("reasons", hasSize(0));
            given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then().body("admission", equalTo("ADMITTED"));
        } else {
            response.body("status", equalTo(status)).body("reasons.rule", contains(failedRule));
            given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then().body("admission", equalTo("REJECTED"));
        }
    }

    @Test
    void everyFailedRuleIsListed() {
        UUID id = Fixtures.provider("Fails Everything", "MCN", null, 0, "0");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id)
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("reasons.rule", hasItems("MIN_CERTIFIED_OPERATORS", "MIN_SERVED_GMV", "HAS_CATEGORY", "HAS_CAPACITY"))
                .body("reasons", hasSize(4));
    }

    @Test
    void aProviderIsReviewedOnceAndOnlyByPlatformAdmin() {
        UUID id = Fixtures.admitted("Reviewed Once", "MCN", "apparel");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id)
                .then().statusCode(409).body("type", equalTo("urn:livecommerce:problem:illegal-transition"));
        UUID other = Fixtures.provider("Not Yet", "MCN", "apparel", 1, "1");
        given().post("/providers/{id}/review", other).then().statusCode(401);
        given().auth().oauth2(Tokens.provider(other)).post("/providers/{id}/review", other).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).post("/providers/{id}/review", other).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
    }

    @Test
    void aRejectionMayBeAppealedOnce() {
        UUID id = Fixtures.provider("Appeals Once", "MCN", "apparel", 5, "100");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id).then().body("status", equalTo("REJECTED"));
        var created = given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON)
                .body("{\"reason\": \"our served GMV was under-reported\"}")
                .post("/providers/{id}/appeals", id)
                .then().statusCode(201).body("against", equalTo("REJECTION")).body("status", equalTo("PENDING"))
                .extract();
        String appeal = created.path("id");
        // the Location of the created appeal resolves, for the provider and for platform-admin
        given().auth().oauth2(Tokens.provider(id)).get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo(appeal)).body("reason", equalTo("our served GMV was under-reported"));
        given().auth().oauth2(Tokens.admin()).get(created.header("Location")).then().statusCode(200).body("status", equalTo("PENDING"));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(409).body("detail", containsString("one appeal per decision"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"outcome\": \"DENIED\", \"reason\": \"figures not evidenced\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, appeal)
                .then().statusCode(200).body("status", equalTo("DENIED")).body("decisionReason", equalTo("figures not evidenced"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"outcome\": \"GRANTED\", \"reason\": \"changed mind\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, appeal).then().statusCode(409);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"third try\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(409);
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then().body("status", equalTo("REJECTED"));
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/appeals", id)
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(appeal)).body("items.status", contains("DENIED"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/providers/{id}/appeals", id).then().statusCode(403);
        given().get("/providers/{id}/appeals", id).then().statusCode(401);
        given().auth().oauth2(Tokens.provider(id)).get("/providers/{id}/decisions", id)
                .then().statusCode(200)
                .body("items.action", contains("REJECTED", "APPEALED", "APPEAL_DENIED"))
                .body("items[0].reasons[0]", containsString("MIN_CERTIFIED_OPERATORS"));
    }

    @Test
    void oneAppealIsReadByItsProviderAndPlatformAdminOnly() {
        UUID id = Fixtures.provider("Appeal Reader", "MCN", "apparel", 5, "100");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id).then().body("status", equalTo("REJECTED"));
        String appeal = given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"recount\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(201).extract().path("id");
        UUID other = Fixtures.provider("Other Appellant", "MCN", "apparel", 5, "100");
        given().get("/providers/{id}/appeals/{a}", id, appeal).then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).get("/providers/{id}/appeals/{a}", id, appeal).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(other)).get("/providers/{id}/appeals/{a}", id, appeal).then().statusCode(403);
        // another provider's appeal under one's own path, an unknown appeal, an unknown provider: 404 problem
        given().auth().oauth2(Tokens.provider(other)).get("/providers/{id}/appeals/{a}", other, appeal)
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/appeals/{a}", id, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/appeals/{a}", UUID.randomUUID(), appeal)
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/appeals/{a}", id, "not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
    }

    @Test
    void aGrantedAppealReversesTheRejection() {
        UUID id = Fixtures.provider("Granted", "MCN", "apparel", 5, "100");
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", id).then().body("status", equalTo("REJECTED"));
        String appeal = given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"see the audit\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"outcome\": \"GRANTED\", \"reason\": \"audited figures confirm\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, appeal).then().statusCode(200).body("status", equalTo("GRANTED"));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then().body("status", equalTo("ADMITTED"));
    }

    @Test
    void suspensionReinstatementAndTheirAppeal() {
        UUID id = Fixtures.admitted("Suspended One", "MCN", "apparel");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"KPI promises not met\"}")
                .post("/providers/{id}/suspend", id).then().statusCode(200).body("status", equalTo("SUSPENDED"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"twice\"}")
                .post("/providers/{id}/suspend", id).then().statusCode(409);
        String appeal = given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"KPIs were met, see ledger\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(201).body("against", equalTo("SUSPENSION")).extract().path("id");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"outcome\": \"GRANTED\", \"reason\": \"ledger confirms\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, appeal).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", id).then().body("status", equalTo("ADMITTED"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"not suspended\"}")
                .post("/providers/{id}/reinstate", id).then().statusCode(409);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"second strike\"}")
                .post("/providers/{id}/suspend", id).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"cleared\"}")
                .post("/providers/{id}/reinstate", id).then().statusCode(200).body("status", equalTo("ADMITTED"));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/decisions", id).then().statusCode(200)
                .body("items.action", contains("OPERATOR_CERTIFIED", "OPERATOR_CERTIFIED", "OPERATOR_CERTIFIED",
                        "ADMITTED", "SUSPENDED", "APPEALED", "APPEAL_GRANTED", "REINSTATED", "SUSPENDED", "REINSTATED"));
    }

    /**
     * Replicas' clocks disagree (here: the second decision is written by a "replica" whose clock is
     * an hour behind): the trail keeps the order the decisions were made in, from the database's sequence.
     */
    @Test
    void theTrailKeepsTheOrderOfDecisionsWhateverTheClocksSay() {
        UUID id = Fixtures.admitted("Clock Skew", "MCN", "apparel");
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse("2030-01-01T12:00:00Z")), UtcClock.class);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"first\"}")
                .post("/providers/{id}/suspend", id).then().statusCode(200);
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse("2030-01-01T11:00:00Z")), UtcClock.class);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"second\"}")
                .post("/providers/{id}/reinstate", id).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/decisions", id).then().statusCode(200)
                .body("items.action", contains("OPERATOR_CERTIFIED", "OPERATOR_CERTIFIED", "OPERATOR_CERTIFIED",
                        "ADMITTED", "SUSPENDED", "REINSTATED"))
                .body("items[4].decidedAt", equalTo("2030-01-01T12:00:00Z"))
                .body("items[5].decidedAt", equalTo("2030-01-01T11:00:00Z"));
    }

    @Test
    void admissionEndpointsValidateAndGuard() {
        UUID id = Fixtures.admitted("Guarded Admission", "MCN", "apparel");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"reason\": \"\"}")
                .post("/providers/{id}/suspend", id).then().statusCode(422).body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/providers/{id}/suspend", id).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"reason\": \"x\"}").post("/providers/{id}/suspend", id).then().statusCode(401);
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"reason\": \"nothing to appeal\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(409);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/providers/{id}/appeals", id).then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/providers/{id}/decisions", id).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).get("/providers/{id}/decisions", id).then().statusCode(403);
        given().get("/providers/{id}/decisions", id).then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"outcome\": \"MAYBE\", \"reason\": \"x\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, UUID.randomUUID()).then().statusCode(400);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"outcome\": \"DENIED\", \"reason\": \"x\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.provider(id)).contentType(ContentType.JSON).body("{\"outcome\": \"GRANTED\", \"reason\": \"x\"}")
                .post("/providers/{id}/appeals/{a}/decision", id, UUID.randomUUID()).then().statusCode(403);
    }
}
