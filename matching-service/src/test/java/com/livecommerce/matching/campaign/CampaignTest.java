package com.livecommerce.matching.campaign;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Campaigns through the API: the cohort (stalled between two periods, or a list), every merchant at most once, no
 * provider above what it has left, a reason for every merchant left out, the result proposed as engagements with
 * their events. (Optimality itself is proven against brute force in TransportationSolverTest.) The periods used here
 * (2030) are this test's own, so other tests' merchants are not in its cohorts.
 */
@QuarkusTest
class CampaignTest {

    static JsonPath awaitCompleted(String location) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer()).get(location)
                .then().statusCode(200).body("status", equalTo("COMPLETED")));
        return given().auth().oauth2(Tokens.admin()).queryParam("size", 200).get(location).then().extract().jsonPath();
    }

    @Test
    void stalledMerchantsAreAssignedWithinCapacityAndProposedAsEngagements() throws Exception {
        String cat = "cat-" + UUID.randomUUID();
        String region = "belt-" + UUID.randomUUID();
        List<UUID> stalled = List.of(Fixtures.merchant("INDUSTRIAL_BELT", cat, region), Fixtures.merchant("INDUSTRIAL_BELT", cat, region),
                Fixtures.merchant("INDUSTRIAL_BELT", cat, region));
        UUID growing = Fixtures.merchant("INDUSTRIAL_BELT", cat, region);
        UUID engaged = Fixtures.merchant("INDUSTRIAL_BELT", cat, region);
        long v = 1;
        for (UUID m : List.of(stalled.get(0), stalled.get(1), stalled.get(2), engaged)) {
            Events.gmv(m, "2030-02-01", "1000.00", "h1-" + m, "GROWING", v);
            Events.gmv(m, "2030-08-01", "900.00", "h2-" + m, "STALLED", v + 1);
        }
        Events.gmv(growing, "2030-02-01", "1000.00", "h1", "GROWING", 1);
        Events.gmv(growing, "2030-08-01", "1000.01", "h2", "GROWING", 2);
        UUID best = Fixtures.provider("INDUSTRIAL_BELT", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS"), 2);
        Fixtures.propose(engaged, Fixtures.provider(5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (UUID m : List.of(stalled.get(0), stalled.get(1), stalled.get(2), engaged, growing)) {
                given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", m).then().body("ledgerEntries", equalTo(2));
            }
        });

        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"cohort\": \"STALLED\", \"earlier\": \"2030H1\", \"later\": \"2030H2\", \"term\": 6, \"commissionBps\": 700}")
                .post("/campaigns").then().statusCode(202).header("Location", notNullValue()).body("id", notNullValue())
                .body("cohort", equalTo("STALLED")).extract().header("Location");
        JsonPath c = awaitCompleted(location);
        assertEquals(4, c.getInt("cohortSize"));
        assertEquals(3, c.getInt("assignedCount"));
        assertEquals(1, c.getInt("unassignedCount"));
        assertEquals(List.of(Map.of("merchantId", engaged.toString(), "reason", "ALREADY_ENGAGED")), c.getList("unassigned"));
        List<Map<String, Object>> assignments = c.getList("assignments");
        assertEquals(3, assignments.size());
        assertEquals(stalled.stream().map(UUID::toString).sorted().toList(), assignments.stream().map(a -> (String) a.get("merchantId")).toList());
        long onBest = assignments.stream().filter(a -> best.toString().equals(a.get("providerId"))).count();
        assertEquals(2, onBest, "the best provider takes as many as it has room for, no more");
        BigDecimal sum = assignments.stream().map(a -> new BigDecimal(a.get("score").toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(new BigDecimal(c.getString("objective"))), "objective = sum of the assigned scores");
        assertTrue(c.getInt("solver.classes") >= 1);

        // the result is proposed as engagements, with the campaign's terms and EngagementProposed events
        String campaignId = c.getString("id");
        given().auth().oauth2(Tokens.admin()).queryParam("campaignId", campaignId).get("/engagements").then()
                .body("total", equalTo(3)).body("items.status", org.hamcrest.Matchers.everyItem(equalTo("PROPOSED")))
                .body("items.term", org.hamcrest.Matchers.everyItem(equalTo(6)))
                .body("items.commissionBps", org.hamcrest.Matchers.everyItem(equalTo(700)))
                .body("items.campaignId", org.hamcrest.Matchers.everyItem(equalTo(campaignId)));
        String engagement = (String) assignments.get(0).get("engagementId");
        try (TopicProbe probe = TopicProbe.from(Events.bootstrap(), "engagement-events")) {
            ConsumerRecord<String, String> r = probe.await(x -> engagement.equals(x.key()), 1, Duration.ofSeconds(30)).get(0);
            assertEquals("EngagementProposed", TopicProbe.header(r, "ce_type"));
            assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(
                    Path.of("src/main/resources/events/engagement-events/EngagementProposed.schema.json")), r.value()));
        }
        // a second campaign over the same cohort: everyone is engaged now
        String again = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"cohort\": \"STALLED\", \"earlier\": \"2030H1\", \"later\": \"2030H2\"}")
                .post("/campaigns").then().statusCode(202).extract().header("Location");
        JsonPath second = awaitCompleted(again);
        assertEquals(0, second.getInt("assignedCount"));
        assertEquals(4, second.getInt("unassignedCount"));
        assertEquals(0, new BigDecimal(second.getString("objective")).signum());
    }

    @Test
    void aListCohortReportsMerchantsMatchingDoesNotKnow() {
        UUID known = Fixtures.merchant();
        UUID unknown = UUID.randomUUID();
        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantIds\": [\"%s\", \"%s\", \"%s\"]}".formatted(known, unknown, known))
                .post("/campaigns").then().statusCode(202).body("cohort", equalTo("LIST")).extract().header("Location");
        JsonPath c = awaitCompleted(location);
        assertEquals(2, c.getInt("cohortSize"));
        assertEquals(List.of(Map.of("merchantId", unknown.toString(), "reason", "UNKNOWN_MERCHANT")),
                c.getList("unassigned.findAll { it.merchantId == '" + unknown + "' }"));
        assertFalse(c.getList("assignments.merchantId").contains(unknown.toString()));
    }

    @Test
    void requestsAreValidatedAndForPlatformAdminOnly() {
        String body = "{\"cohort\": \"STALLED\", \"earlier\": \"2030H1\", \"later\": \"2030H2\"}";
        given().contentType(ContentType.JSON).body(body).post("/campaigns").then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(body).post("/campaigns").then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body(body).post("/campaigns").then()
                .spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{}").post("/campaigns").then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("cohort"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"cohort\": \"STALLED\", \"earlier\": \"2030H1\", \"later\": \"2030H2\", \"merchantIds\": [\"%s\"]}".formatted(UUID.randomUUID()))
                .post("/campaigns").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("cohort"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"cohort\": \"STALLED\", \"later\": \"2030H2\"}")
                .post("/campaigns").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("earlier"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"cohort\": \"STALLED\", \"earlier\": \"2030H3\", \"later\": \"2030H2\"}")
                .post("/campaigns").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("earlier"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"cohort\": \"GROWING\"}")
                .post("/campaigns").then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("cohort"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"merchantIds\": []}")
                .post("/campaigns").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("merchantIds"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"merchantIds\": [\"nope\"]}")
                .post("/campaigns").then().spec(Problems.of(400, "invalid-field"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body.replace("}", ", \"term\": 1}"))
                .post("/campaigns").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("term"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("[1, 2]")
                .post("/campaigns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).get("/campaigns/{id}", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/campaigns/not-an-id").then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/campaigns/{id}", UUID.randomUUID()).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/campaigns/{id}", UUID.randomUUID()).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body(body).post("/campaigns").then()
                .spec(Problems.of(403, "forbidden"));
        given().get("/campaigns/{id}", UUID.randomUUID()).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "1000").get("/campaigns/{id}", UUID.randomUUID()).then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("size"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "big").get("/campaigns/{id}", UUID.randomUUID()).then()
                .spec(Problems.of(400, "invalid-field"));
    }
}
