package com.livecommerce.provider.leaderboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs first (the database is clean at the start of the test run): no period computed yet. */
@QuarkusTest
@Order(1)
class LeaderboardsBeforeAnyComputeTest {

    @Test
    void withoutAPeriodAndNothingComputedTheListIsEmpty() {
        given().auth().oauth2(Tokens.viewer()).get("/leaderboards")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(0)).body("page", equalTo(0));
    }
}
