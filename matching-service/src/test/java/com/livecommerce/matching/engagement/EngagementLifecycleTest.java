package com.livecommerce.matching.engagement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engagement lifecycle, its contract terms, who may do what, and capacity held from acceptance to completion. */
@QuarkusTest
class EngagementLifecycleTest {

    static String body(UUID merchant, UUID provider) {
        return """
                {"merchantId": "%s", "providerId": "%s", "needs": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "term": 6,
                 "kpiCommitment": {"gmvTarget": 3000000.50}, "commissionBps": 800}""".formatted(merchant, provider);
    }

    @Test
    void proposeAcceptActivateCompleteWithTheContractTerms() {
        UUID m = Fixtures.merchant();
        UUID p = Fixtures.provider(2);
        String location = given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body(body(m, p))
                .post("/engagements").then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("PROPOSED")).body("merchantId", equalTo(m.toString())).body("providerId", equalTo(p.toString()))
                .body("needs", containsInAnyOrder("LIVE_OPERATIONS", "AD_OPTIMIZATION")).body("term", equalTo(6))
                .body("kpiCommitment.gmvTarget", equalTo(3000000.50f)).body("commissionBps", equalTo(800))
                .body("version", equalTo(0)).body("acceptedAt", nullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(Tokens.provider(p)).get(location).then().statusCode(200).body("id", equalTo(id));

        given().auth().oauth2(Tokens.merchant(m)).post("/engagements/{id}/accept", id).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("acceptedAt", notNullValue()).body("version", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/providers/{id}", p).then().body("held", equalTo(1)).body("remainingCapacity", equalTo(1)));
        given().auth().oauth2(Tokens.provider(p)).post("/engagements/{id}/activate", id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("activatedAt", notNullValue()).body("endsOn", notNullValue());
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON)
                .body("{\"rating\": {\"results\": 5, \"communication\": 4, \"professionalism\": 5}}")
                .post("/engagements/{id}/complete", id).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("rating.results", equalTo(5)).body("rating.communication", equalTo(4))
                .body("outcome.gmvDuring", equalTo(0.0f)).body("outcome.kpiCommitmentMet", equalTo(false)).body("outcome.leap", equalTo(false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/providers/{id}", p).then().body("held", equalTo(0)).body("remainingCapacity", equalTo(2)));
    }

    @Test
    void theTermHasADefaultAndAMinimum() {
        UUID m = Fixtures.merchant();
        UUID p = Fixtures.provider(1);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantId\": \"%s\", \"providerId\": \"%s\", \"needs\": [\"CONTENT\"], \"term\": 2, \"commissionBps\": 0}".formatted(m, p))
                .post("/engagements").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("term"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantId\": \"%s\", \"providerId\": \"%s\", \"needs\": [\"CONTENT\"], \"commissionBps\": 0}".formatted(m, p))
                .post("/engagements").then().statusCode(201).body("term", equalTo(3)).body("kpiCommitment", nullValue());
    }

    @Test
    void illegalTransitionsAre409AndChangeNothing() {
        UUID m = Fixtures.merchant();
        UUID p = Fixtures.provider(1);
        UUID e = Fixtures.propose(m, p);
        given().auth().oauth2(Tokens.provider(p)).post("/engagements/{id}/activate", e).then().spec(Problems.of(409, "illegal-transition"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON)
                .body("{\"rating\": {\"results\": 5, \"communication\": 4, \"professionalism\": 5}}")
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(409, "illegal-transition"));
        Fixtures.accept(e, m);
        given().auth().oauth2(Tokens.merchant(m)).post("/engagements/{id}/accept", e).then().spec(Problems.of(409, "illegal-transition"));
        given().auth().oauth2(Tokens.provider(p)).contentType(ContentType.JSON).body("{\"reason\": \"changed our minds\"}")
                .post("/engagements/{id}/terminate", e).then().statusCode(200).body("status", equalTo("TERMINATED"))
                .body("terminationReason", equalTo("changed our minds"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(409, "illegal-transition"));
        given().auth().oauth2(Tokens.admin()).get("/engagements/{id}", e).then().body("status", equalTo("TERMINATED"))
                .body("version", equalTo(2));
        given().auth().oauth2(Tokens.admin()).post("/engagements/{id}/accept", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).post("/engagements/not-a-uuid/accept").then().spec(Problems.NOT_FOUND);
    }

    @Test
    void proposalsAreValidated() {
        UUID m = Fixtures.merchant();
        UUID p = Fixtures.provider(1);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{}").post("/engagements").then()
                .spec(Problems.of(422, "validation")).body("errors.field", containsInAnyOrder("merchantId", "providerId", "needs", "commissionBps"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantId\": \"%s\", \"providerId\": \"%s\", \"needs\": [\"CONTENT\"], \"commissionBps\": 10001, \"kpiCommitment\": {\"gmvTarget\": 1.234}}".formatted(m, p))
                .post("/engagements").then().spec(Problems.of(422, "validation"))
                .body("errors.field", containsInAnyOrder("commissionBps", "kpiCommitment.gmvTarget"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantId\": \"%s\", \"providerId\": \"%s\", \"needs\": [\"DANCING\"], \"commissionBps\": 1}".formatted(m, p))
                .post("/engagements").then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("needs[0]"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantId\": \"%s\", \"providerId\": \"%s\", \"needs\": [\"CONTENT\"], \"commissionBps\": \"many\"}".formatted(m, p))
                .post("/engagements").then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("commissionBps"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"merchantId\": \"not-a-uuid\"}")
                .post("/engagements").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"merchantId\": ")
                .post("/engagements").then().spec(Problems.of(400, "malformed-json"));
        // rule violations: unknown merchant or provider, a provider not in good standing, a second open engagement
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body(UUID.randomUUID(), p))
                .post("/engagements").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("merchantId"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body(m, UUID.randomUUID()))
                .post("/engagements").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("providerId"));
        UUID suspended = Fixtures.provider(3);
        Events.providerEvent(suspended, "ProviderSuspended", UUID.randomUUID().toString(),
                Events.provider(suspended, "BRAND", List.of("apparel"), List.of("Hangzhou"), List.of("CONTENT"), 3, 5).put("suspended", true));
        Fixtures.awaitProvider(suspended, 5);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body(m, suspended))
                .post("/engagements").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("providerId"));
        Fixtures.propose(m, p);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body(m, p))
                .post("/engagements").then().spec(Problems.of(409, "conflict"));
    }

    @Test
    void onlyThePartiesMayActAndSee() {
        UUID m = Fixtures.merchant();
        UUID p = Fixtures.provider(1);
        UUID other = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(body(m, p)).post("/engagements").then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(body(m, p)).post("/engagements").then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(other)).contentType(ContentType.JSON).body(body(m, p)).post("/engagements").then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(other)).contentType(ContentType.JSON).body(body(m, p)).post("/engagements").then().spec(Problems.of(403, "forbidden"));
        String id = given().auth().oauth2(Tokens.provider(p)).contentType(ContentType.JSON).body(body(m, p))
                .post("/engagements").then().statusCode(201).extract().path("id");
        // accept is the merchant's, activate the provider's; another tenant may do neither
        given().auth().oauth2(Tokens.provider(p)).post("/engagements/{id}/accept", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(other)).post("/engagements/{id}/accept", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(other)).get("/engagements/{id}", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(other)).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/engagements/{id}/terminate", id).then().spec(Problems.of(403, "forbidden"));
        Fixtures.accept(UUID.fromString(id), m);
        given().auth().oauth2(Tokens.merchant(m)).post("/engagements/{id}/activate", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(other)).post("/engagements/{id}/activate", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).get("/engagements/{id}", id).then().statusCode(200);
        // lists: a tenant sees its own only
        given().auth().oauth2(Tokens.merchant(m)).get("/engagements").then().statusCode(200)
                .body("items", hasSize(1)).body("items.merchantId", everyItem(equalTo(m.toString())));
        given().auth().oauth2(Tokens.provider(p)).queryParam("status", "accepted").get("/engagements").then().statusCode(200)
                .body("items", hasSize(1)).body("total", equalTo(1));
        given().auth().oauth2(Tokens.merchant(other)).queryParam("merchantId", m.toString()).get("/engagements").then()
                .spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m.toString()).get("/engagements").then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", "nope").get("/engagements").then()
                .spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("merchantId"));
        given().auth().oauth2(Tokens.admin()).queryParam("status", "SLEEPING").get("/engagements").then()
                .spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "1000").get("/engagements").then().spec(Problems.of(422, "validation"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "x").get("/engagements").then().spec(Problems.of(400, "invalid-field"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"rating\": {\"results\": 6}}")
                .post("/engagements/{id}/complete", id).then().spec(Problems.of(422, "validation"));
    }

    @Test
    void everyEngagementEndpointNeedsATokenTheRightRoleAndTheRightTenant() {
        UUID m = Fixtures.merchant();
        UUID p = Fixtures.provider(2);
        UUID otherMerchant = Fixtures.merchant();
        UUID otherProvider = Fixtures.provider(1);
        UUID e = Fixtures.active(m, p);
        UUID proposed = Fixtures.propose(otherMerchant, p);
        String operator = Tokens.operator(p, UUID.randomUUID());
        String rating = "{\"rating\": {\"results\": 4, \"communication\": 4, \"professionalism\": 4}}";
        // no token: 401 everywhere
        given().get("/engagements/{id}", e).then().spec(Problems.of(401, "unauthorized"));
        given().get("/engagements").then().spec(Problems.of(401, "unauthorized"));
        given().post("/engagements/{id}/accept", proposed).then().spec(Problems.of(401, "unauthorized"));
        given().post("/engagements/{id}/activate", e).then().spec(Problems.of(401, "unauthorized"));
        given().contentType(ContentType.JSON).body(rating).post("/engagements/{id}/complete", e).then().spec(Problems.of(401, "unauthorized"));
        given().contentType(ContentType.JSON).body("{\"reason\": \"x\"}").post("/engagements/{id}/terminate", e).then()
                .spec(Problems.of(401, "unauthorized"));
        // a role the endpoint does not admit: 403
        given().auth().oauth2(operator).get("/engagements/{id}", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(operator).get("/engagements").then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.telemetryWriter()).get("/engagements").then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).post("/engagements/{id}/accept", proposed).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).post("/engagements/{id}/activate", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(p)).contentType(ContentType.JSON).body(rating)
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(rating)
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(403, "forbidden"));
        // another merchant's or provider's engagement: 403, and nothing changes
        given().auth().oauth2(Tokens.provider(otherProvider)).get("/engagements/{id}", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(otherProvider)).queryParam("providerId", p.toString()).get("/engagements").then()
                .spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(otherProvider)).get("/engagements").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.merchant(m)).post("/engagements/{id}/accept", proposed).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(otherMerchant)).contentType(ContentType.JSON).body(rating)
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(otherMerchant)).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(otherProvider)).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/engagements/{id}/terminate", proposed).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.admin()).get("/engagements/{id}", e).then().body("status", equalTo("ACTIVE")).body("version", equalTo(2));
        given().auth().oauth2(Tokens.admin()).get("/engagements/{id}", proposed).then().body("status", equalTo("PROPOSED"))
                .body("version", equalTo(0));
        // the bodies of complete and terminate are validated (422 naming the field), and validation changes nothing
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{}")
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("rating"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"rating\": {\"results\": 5, \"communication\": 0}}")
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(422, "validation"))
                .body("errors.field", containsInAnyOrder("rating.communication", "rating.professionalism"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"rating\": {\"results\": \"great\"}}")
                .post("/engagements/{id}/complete", e).then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("rating.results"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"reason\": \" \"}")
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{}")
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"reason\": \"%s\"}".formatted("x".repeat(2001)))
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body("{\"reason\": ")
                .post("/engagements/{id}/terminate", e).then().spec(Problems.of(400, "malformed-json"));
        given().auth().oauth2(Tokens.admin()).get("/engagements/{id}", e).then().body("status", equalTo("ACTIVE")).body("version", equalTo(2));
        // the parties themselves may
        given().auth().oauth2(Tokens.provider(p)).get("/engagements/{id}", e).then().statusCode(200);
        given().auth().oauth2(Tokens.merchant(m)).contentType(ContentType.JSON).body(rating)
                .post("/engagements/{id}/complete", e).then().statusCode(200).body("status", equalTo("COMPLETED"));
        given().auth().oauth2(Tokens.provider(p)).contentType(ContentType.JSON).body("{\"reason\": \"no fit\"}")
                .post("/engagements/{id}/terminate", proposed).then().statusCode(200).body("status", equalTo("TERMINATED"));
    }

    @Test
    void capacityIsHeldFromAcceptanceUntilCompletionOrTermination() {
        UUID p = Fixtures.provider(1);
        UUID m1 = Fixtures.merchant();
        UUID m2 = Fixtures.merchant();
        UUID e1 = Fixtures.propose(m1, p);
        UUID e2 = Fixtures.propose(m2, p); // proposals hold nothing
        Fixtures.accept(e1, m1);
        given().auth().oauth2(Tokens.merchant(m2)).post("/engagements/{id}/accept", e2).then().spec(Problems.of(409, "conflict"))
                .body("detail", endsWith("(1 of 1 held)"));
        given().auth().oauth2(Tokens.merchant(m1)).contentType(ContentType.JSON).body("{\"reason\": \"budget cut\"}")
                .post("/engagements/{id}/terminate", e1).then().statusCode(200);
        Fixtures.accept(e2, m2);
    }

    @Test
    void concurrentAcceptsOnTheLastUnitOfCapacityLetExactlyOneWin() throws Exception {
        UUID p = Fixtures.provider(3);
        List<UUID> merchants = new ArrayList<>();
        List<UUID> proposals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID m = Fixtures.merchant();
            merchants.add(m);
            proposals.add(Fixtures.propose(m, p));
        }
        // two units taken: one left for the last two accepts, sent at the same moment
        Fixtures.accept(proposals.get(0), merchants.get(0));
        Fixtures.accept(proposals.get(1), merchants.get(1));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 2; i < 4; i++) {
            UUID m = merchants.get(i);
            UUID e = proposals.get(i);
            Callable<Integer> accept = () -> {
                start.await();
                return given().auth().oauth2(Tokens.merchant(m)).post("/engagements/{id}/accept", e).then().extract().statusCode();
            };
            answers.add(pool.submit(accept));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        statuses.sort(Integer::compareTo);
        assertEquals(List.of(200, 409), statuses);
        given().auth().oauth2(Tokens.admin()).queryParam("providerId", p.toString()).queryParam("status", "ACCEPTED")
                .get("/engagements").then().body("total", equalTo(3));
    }
}
