package com.livecommerce.merchant.growth;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 2021H2 vs 2021H1 figure of DOMAIN.md: 28.85% of active merchants stalled or declined.
 * Fixture: 52 merchants with GMV in 2021, 15 of them stalled (14 slightly down, 1 flat), one served
 * merchant that grew 195% (1,000,000.00 -> 2,950,000.00), one that only sold in H2, one that sold
 * only outside 2021 (not active). No other test records GMV in 2021.
 */
@QuarkusTest
class StallFixtureTest {

    static UUID served;
    static UUID onlyH2;
    static UUID flat;

    @BeforeEach
    void fixture() {
        if (served != null) {
            return;
        }
        served = Fixtures.merchant("Served Belt Factory", "INDUSTRIAL_BELT", "kidswear", "Zhili, Huzhou");
        ledger(served, """
                [{"date": "2020-12-31", "gmv": "777.00", "orders": 1, "sourceId": "before"},
                 {"date": "2021-01-01", "gmv": "600000.00", "orders": 1, "sourceId": "h1-a"},
                 {"date": "2021-06-30", "gmv": "400000.00", "orders": 1, "sourceId": "h1-b"},
                 {"date": "2021-07-01", "gmv": "2000000.00", "orders": 1, "sourceId": "h2-a"},
                 {"date": "2021-12-31", "gmv": "950000.00", "orders": 1, "sourceId": "h2-b"},
                 {"date": "2022-01-01", "gmv": "5000000.00", "orders": 1, "sourceId": "after"}]""");
        onlyH2 = Fixtures.merchant("Newcomer");
        Fixtures.gmv(onlyH2, "2021-09-09", "100.00", "h2");
        flat = Fixtures.merchant("Flat Brand");
        Fixtures.gmv(flat, "2021-03-03", "500.00", "h1");
        Fixtures.gmv(flat, "2021-09-03", "500.00", "h2");
        for (int i = 0; i < 14; i++) {
            UUID m = Fixtures.merchant("Slipping Creator " + i, "CREATOR", "apparel", "Linyi");
            Fixtures.gmv(m, "2021-02-0" + (1 + i % 9), "1000.00", "h1");
            Fixtures.gmv(m, "2021-08-0" + (1 + i % 9), "999.99", "h2");
        }
        for (int i = 0; i < 35; i++) {
            UUID m = Fixtures.merchant("Growing Brand " + i);
            Fixtures.gmv(m, "2021-04-01", "100.00", "h1");
            Fixtures.gmv(m, "2021-10-01", "100.01", "h2");
        }
        UUID inactive = Fixtures.merchant("Sold Only In 2022");
        Fixtures.gmv(inactive, "2022-03-01", "1000.00", "2022");
    }

    private static void ledger(UUID merchant, String entries) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(entries)
                .post("/merchants/{id}/gmv", merchant).then().statusCode(200);
    }

    @Test
    void stalledShareIs2885Percent() {
        given().auth().oauth2(Tokens.viewer()).queryParam("earlier", "2021H1").queryParam("later", "2021H2").queryParam("size", 10)
                .get("/merchants/stalled")
                .then().statusCode(200)
                .body("activeMerchants", equalTo(52))
                .body("total", equalTo(15))
                .body("stalledShare", equalTo(0.2885f))
                .body("items", hasSize(10))
                .body("items.growthRate", everyItem(lessThanOrEqualTo(0f)))
                .body("items[0].earlierGmv", equalTo(1000.00f))
                .body("items[0].laterGmv", equalTo(999.99f))
                .body("items[0].growthRate", equalTo(-0.00001f));
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .queryParam("size", 10).queryParam("page", 1)
                .get("/merchants/stalled")
                .then().statusCode(200)
                .body("items", hasSize(5))
                .body("items[4].merchantId", equalTo(flat.toString()))
                .body("items[4].growthRate", equalTo(0f));
    }

    @Test
    void growthBetweenHalvesIsExact() {
        String body = given().auth().oauth2(Tokens.merchant(served)).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/{id}/growth", served)
                .then().statusCode(200)
                .body("stalled", equalTo(false))
                .body("active", equalTo(true))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"earlierGmv\":1000000.00"), body);
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"laterGmv\":2950000.00"), body);
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("\"growthRate\":1.950000"), body);
    }

    @Test
    void everyPeriodFormatWorks() {
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021Q3").queryParam("later", "2021-12")
                .get("/merchants/{id}/growth", served)
                .then().statusCode(200)
                .body("earlierGmv", equalTo(2000000.00f))
                .body("laterGmv", equalTo(950000.00f))
                .body("growthRate", equalTo(-0.525f))
                .body("stalled", equalTo(true));
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021").queryParam("later", "2022")
                .get("/merchants/{id}/growth", served)
                .then().statusCode(200)
                .body("earlierGmv", equalTo(3950000.00f))
                .body("laterGmv", equalTo(5000000.00f))
                .body("growthRate", equalTo(0.265823f));
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/{id}/growth", onlyH2)
                .then().statusCode(200)
                .body("growthRate", nullValue())
                .body("stalled", equalTo(false));
    }

    @Test
    void periodsAreValidated() {
        for (String bad : new String[] {"2021H3", "2021Q5", "2021-13", "21H1", "H1", "2021-1"}) {
            given().auth().oauth2(Tokens.admin()).queryParam("earlier", bad).queryParam("later", "2021H2")
                    .get("/merchants/{id}/growth", served)
                    .then().statusCode(422).body("errors[0].field", equalTo("earlier"));
        }
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021H1")
                .get("/merchants/{id}/growth", served)
                .then().statusCode(422).body("errors[0].field", equalTo("later"));
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021H1").queryParam("later", "nope")
                .get("/merchants/stalled")
                .then().statusCode(422).body("errors[0].field", equalTo("later"));
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021H1").queryParam("later", "2021H2").queryParam("page", "-1")
                .get("/merchants/stalled")
                .then().statusCode(422).body("errors[0].field", equalTo("page"));
    }

    @Test
    void growthAndStalledListAreGuarded() {
        given().queryParam("earlier", "2021H1").queryParam("later", "2021H2").get("/merchants/{id}/growth", served).then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(flat)).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/{id}/growth", served).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/{id}/growth", served).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/{id}/growth", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().queryParam("earlier", "2021H1").queryParam("later", "2021H2").get("/merchants/stalled").then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(served)).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/stalled").then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/stalled").then().statusCode(403);
    }
}
