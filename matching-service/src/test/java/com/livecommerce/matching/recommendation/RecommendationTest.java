package com.livecommerce.matching.recommendation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Recommendations: only eligible providers, ranked by the explainable score whose components are returned. Each
 * test uses a category and region of its own, so providers of other tests only ever rank below its own.
 */
@QuarkusTest
class RecommendationTest {

    static JsonPath recommend(UUID merchant) {
        return given().auth().oauth2(Tokens.admin()).queryParam("limit", 100).get("/merchants/{id}/recommendations", merchant)
                .then().statusCode(200).extract().jsonPath();
    }

    static List<String> ids(JsonPath answer) {
        return answer.getList("items.providerId");
    }

    static Map<String, Object> item(JsonPath answer, UUID provider) {
        return answer.getMap("items.find { it.providerId == '" + provider + "' }");
    }

    @Test
    void onlyEligibleProvidersRankedByTheirExplainedScore() {
        String cat = "cat-" + UUID.randomUUID();
        String region = "region-" + UUID.randomUUID();
        UUID m = Fixtures.merchant("INDUSTRIAL_BELT", cat, region);
        Events.requestService(m, "2021-11-01T08:00:00Z", "LIVE_OPERATIONS", "AD_OPTIMIZATION");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/merchants/{id}", m).then().body("needs", containsInAnyOrder("LIVE_OPERATIONS", "AD_OPTIMIZATION")));
        UUID belt = Fixtures.provider("INDUSTRIAL_BELT", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS", "AD_OPTIMIZATION"), 4);
        UUID mcn = Fixtures.provider("MCN", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS"), 4);
        UUID far = Fixtures.provider("INDUSTRIAL_BELT", List.of("elsewhere"), List.of("far away"), List.of(), 4);
        UUID suspended = Fixtures.provider("INDUSTRIAL_BELT", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS"), 4);
        Events.providerEvent(suspended, "ProviderSuspended", UUID.randomUUID().toString(),
                Events.provider(suspended, "INDUSTRIAL_BELT", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS"), 4, 5).put("suspended", true));
        Fixtures.awaitProvider(suspended, 5);
        UUID full = Fixtures.provider("INDUSTRIAL_BELT", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS"), 1);
        UUID other = Fixtures.merchant();
        Fixtures.accept(Fixtures.propose(other, full), other);
        UUID engaged = Fixtures.provider("INDUSTRIAL_BELT", List.of(cat), List.of(region), List.of("LIVE_OPERATIONS"), 4);
        Fixtures.propose(m, engaged);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertFalse(ids(recommend(m)).contains(full.toString())));
        JsonPath answer = recommend(m);
        List<String> ids = ids(answer);
        assertTrue(ids.indexOf(belt.toString()) == 0, "the provider on every line ranks first: " + ids);
        assertTrue(ids.indexOf(mcn.toString()) > 0 && ids.indexOf(mcn.toString()) < ids.indexOf(far.toString()), ids.toString());
        for (UUID excluded : List.of(suspended, full, engaged)) {
            assertFalse(ids.contains(excluded.toString()), excluded + " is not eligible");
        }
        assertEquals(ids.size(), answer.getInt("total"));
        assertEquals(Map.of("categoryFit", 0.2f, "typeFit", 0.2f, "regionFit", 0.1f, "needCoverage", 0.2f, "trackRecord", 0.15f,
                "capacityHeadroom", 0.05f, "tier", 0.1f), answer.getMap("weights"));
        // the example provider: 120M served, 3 leaps -> trackRecord 0.5 x 0.12 + 0.5 x 0.06; HUNDRED_MILLION, no badge -> tier 0.25
        Map<String, Object> first = item(answer, belt);
        assertEquals(Map.of("categoryFit", 1.0f, "typeFit", 1.0f, "regionFit", 1.0f, "needCoverage", 1.0f, "trackRecord", 0.09f,
                "capacityHeadroom", 1.0f, "tier", 0.25f), first.get("components"));
        assertEquals(0.7885f, first.get("score")); // 0.2 + 0.2 + 0.1 + 0.2 + 0.15 x 0.09 + 0.05 x 1 + 0.1 x 0.25
        assertEquals(4, first.get("remainingCapacity"));
        Map<String, Object> second = item(answer, mcn);
        assertEquals(Map.of("categoryFit", 1.0f, "typeFit", 0.25f, "regionFit", 1.0f, "needCoverage", 0.5f, "trackRecord", 0.09f,
                "capacityHeadroom", 1.0f, "tier", 0.25f), second.get("components"));
        assertEquals(0.5385f, second.get("score"));
    }

    @Test
    void typeFitFollowsTheEcosystemAndHeadroomTheCapacityLeft() {
        String cat = "cat-" + UUID.randomUUID();
        UUID creator = Fixtures.merchant("CREATOR", cat, "Yiwu");
        UUID brandMerchant = Fixtures.merchant("BRAND", cat, "Yiwu");
        UUID mcn = Fixtures.provider("MCN", List.of(cat), List.of("Yiwu"), List.of("CONTENT"), 4);
        UUID brand = Fixtures.provider("BRAND", List.of(cat), List.of("Yiwu"), List.of("CONTENT"), 4);
        UUID somebody = Fixtures.merchant();
        Fixtures.accept(Fixtures.propose(somebody, brand), somebody);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals(3, item(recommend(creator), brand).get("remainingCapacity")));
        JsonPath forCreator = recommend(creator);
        assertEquals(1.0f, ((Map<?, ?>) item(forCreator, mcn).get("components")).get("typeFit"));
        assertEquals(0.25f, ((Map<?, ?>) item(forCreator, brand).get("components")).get("typeFit"));
        assertEquals(0.75f, ((Map<?, ?>) item(forCreator, brand).get("components")).get("capacityHeadroom"));
        assertTrue(ids(forCreator).indexOf(mcn.toString()) < ids(forCreator).indexOf(brand.toString()));
        JsonPath forBrand = recommend(brandMerchant);
        assertEquals(1.0f, ((Map<?, ?>) item(forBrand, brand).get("components")).get("typeFit"));
        assertEquals(0.25f, ((Map<?, ?>) item(forBrand, mcn).get("components")).get("typeFit"));
        // no service request: needCoverage is 0 for every provider
        assertEquals(0.0f, ((Map<?, ?>) item(forBrand, brand).get("components")).get("needCoverage"));
    }

    @Test
    void parametersRolesAndTenants() {
        UUID m = Fixtures.merchant();
        given().auth().oauth2(Tokens.merchant(m)).queryParam("limit", 1).get("/merchants/{id}/recommendations", m).then()
                .statusCode(200).body("limit", equalTo(1)).body("items.size()", equalTo(1));
        given().auth().oauth2(Tokens.viewer()).get("/merchants/{id}/recommendations", m).then().statusCode(200).body("limit", equalTo(10));
        given().get("/merchants/{id}/recommendations", m).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/merchants/{id}/recommendations", m).then()
                .spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).get("/merchants/{id}/recommendations", m).then()
                .spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", "ten").get("/merchants/{id}/recommendations", m).then()
                .spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 0).get("/merchants/{id}/recommendations", m).then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 101).get("/merchants/{id}/recommendations", m).then()
                .spec(Problems.of(422, "validation"));
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}/recommendations", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/merchants/nope/recommendations").then().spec(Problems.NOT_FOUND);
    }
}
