package com.livecommerce.matching.insights;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ecosystem report over this test's own periods (2040, no other test's ledger there): served merchants grow
 * 1.5x as fast as unserved ones, as in the source.
 */
@QuarkusTest
class InsightsTest {

    @Test
    void servedAndStalledSharesGrowthOfServedVsUnservedAndLeapsPerProviderType() {
        UUID served = Fixtures.merchant("BRAND", "apparel", "Hangzhou");
        UUID leaper = Fixtures.merchant("INDUSTRIAL_BELT", "kidswear", "Zhili, Huzhou");
        UUID grew = Fixtures.merchant();
        UUID stalled = Fixtures.merchant();
        Events.gmv(served, "2040-02-01", "1000000.00", "a", "GROWING", 1);
        Events.gmv(served, "2040-08-01", "1020000.00", "b", "GROWING", 2);
        Events.gmv(leaper, "2040-01-15", "400000.00", "a", "GROWING", 1);
        Events.gmv(leaper, "2040-08-15", "800000.00", "b", "GROWING", 2);
        Events.gmv(grew, "2040-02-01", "1000.00", "a", "GROWING", 1);
        Events.gmv(grew, "2040-08-01", "1500.00", "b", "GROWING", 2);
        Events.gmv(stalled, "2040-02-01", "1000.00", "a", "GROWING", 1);
        Events.gmv(stalled, "2040-08-01", "900.00", "b", "STALLED", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (UUID m : List.of(served, leaper, grew, stalled)) {
                given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", m).then().body("ledgerEntries", equalTo(2));
            }
        });
        UUID brand = Fixtures.provider("BRAND", List.of("apparel"), List.of("Hangzhou"), List.of("CONTENT"), 3);
        UUID belt = Fixtures.provider("INDUSTRIAL_BELT", List.of("kidswear"), List.of("Zhili, Huzhou"), List.of("LIVE_OPERATIONS"), 3);
        Fixtures.active(served, brand); // active now: still active through 2040H2
        Fixtures.now("2040-06-20T00:00:00Z");
        UUID e = Fixtures.propose(leaper, belt);
        Fixtures.accept(e, leaper);
        Fixtures.now("2040-07-01T08:00:00Z");
        Fixtures.activate(e, belt);
        Fixtures.now("2040-10-01T08:00:00Z");
        given().auth().oauth2(Tokens.merchant(leaper)).contentType(ContentType.JSON)
                .body("{\"rating\": {\"results\": 5, \"communication\": 5, \"professionalism\": 5}}")
                .post("/engagements/{id}/complete", e).then().statusCode(200).body("outcome.leap", equalTo(true));

        given().auth().oauth2(Tokens.viewer()).queryParam("earlier", "2040H1").queryParam("later", "2040H2")
                .get("/insights/ecosystem").then().statusCode(200)
                .body("earlier", equalTo("2040H1")).body("later", equalTo("2040H2"))
                .body("activeMerchants", equalTo(4)).body("servedMerchants", equalTo(2)).body("servedShare", equalTo(0.5f))
                .body("stalledMerchants", equalTo(1)).body("stalledShare", equalTo(0.25f))
                .body("served.merchants", equalTo(2)).body("served.earlierGmv", equalTo(1400000.00f))
                .body("served.laterGmv", equalTo(1820000.00f)).body("served.growthRate", equalTo(0.3f))
                .body("unserved.merchants", equalTo(2)).body("unserved.growthRate", equalTo(0.2f))
                .body("growthRatio", equalTo(1.5f))
                .body("leapsByProviderType.INDUSTRIAL_BELT", equalTo(1)).body("leapsByProviderType.MCN", equalTo(0))
                .body("leapsByProviderType.BRAND", equalTo(0));
    }

    @Test
    void noActivityIsNullNotAnError() {
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2099Q1").queryParam("later", "2099Q2").get("/insights/ecosystem")
                .then().statusCode(200).body("activeMerchants", equalTo(0)).body("servedShare", nullValue())
                .body("stalledShare", nullValue()).body("growthRatio", nullValue()).body("served.growthRate", nullValue());
    }

    @Test
    void parametersAndRoles() {
        given().auth().oauth2(Tokens.admin()).queryParam("later", "2040H2").get("/insights/ecosystem").then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("earlier"));
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2040H3").queryParam("later", "2040H2").get("/insights/ecosystem").then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("earlier"));
        given().queryParam("earlier", "2040H1").queryParam("later", "2040H2").get("/insights/ecosystem").then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).queryParam("earlier", "2040H1").queryParam("later", "2040H2")
                .get("/insights/ecosystem").then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).queryParam("earlier", "2040H1").queryParam("later", "2040H2")
                .get("/insights/ecosystem").then().spec(Problems.of(403, "forbidden"));
    }
}
