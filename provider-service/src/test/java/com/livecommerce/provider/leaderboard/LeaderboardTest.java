package com.livecommerce.provider.leaderboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.provider.Engagements;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A cohort of ten MCN providers with the same results in 2021-10 and 2021-11: provider i (1..9)
 * grew its merchants' GMV by i*10%, credited i%3 leaps and was rated 3+i%3; the laggard shrank its
 * merchant by 10%, no leap, rated 1. Expected board (weights 0.40/0.25/0.15/0.20, min-max scaling):
 * 8 (0.81), 5 (0.69), 7 (0.595), 2 (0.57), 9 (0.5), 4 (0.475), 6 (0.38), 1 (0.355), 3 (0.26), laggard (0):
 * the laggard is on probation twice in a row, so its suspension is proposed.
 */
@QuarkusTest
class LeaderboardTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void ranksOnMerchantsResultsPutsTheBottomOnProbationAndProposesSuspension() {
        String category = "race-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> providers = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            providers.add(Fixtures.admitted("Runner " + i, "MCN", category));
        }
        UUID laggard = Fixtures.admitted("Laggard", "MCN", category);
        for (LocalDate day : List.of(LocalDate.of(2021, 10, 15), LocalDate.of(2021, 11, 15))) {
            for (int i = 1; i <= 9; i++) {
                UUID e = UUID.randomUUID();
                String during = String.valueOf(1_000_000 + i * 100_000) + ".00";
                Engagements.send(bootstrap, e, Engagements.completed(e, providers.get(i - 1), UUID.randomUUID(), day,
                        "1000000.00", during, false, 3 + i % 3));
                for (int leap = 0; leap < i % 3; leap++) {
                    UUID l = UUID.randomUUID();
                    // a leap on a flat engagement: counts as a leap, does not change the GMV growth of the cohort member much
                    Engagements.send(bootstrap, l, Engagements.completed(l, providers.get(i - 1), UUID.randomUUID(), day,
                            "0.00", "0.00", true, 3 + i % 3));
                }
            }
            UUID e = UUID.randomUUID();
            Engagements.send(bootstrap, e, Engagements.completed(e, laggard, UUID.randomUUID(), day, "1000000.00", "900000.00", false, 1));
        }
        List<UUID> expected = List.of(providers.get(7), providers.get(4), providers.get(6), providers.get(1), providers.get(8),
                providers.get(3), providers.get(5), providers.get(0), providers.get(2), laggard);
        List<String> expectedIds = expected.stream().map(UUID::toString).toList();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-10/compute").then().statusCode(200);
            given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-10").queryParam("type", "MCN").queryParam("category", category)
                    .get("/leaderboards").then().statusCode(200).body("items.providerId", contains(expectedIds.toArray()));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-11/compute").then().statusCode(200);
            given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("type", "MCN").queryParam("category", category)
                    .get("/leaderboards").then().statusCode(200).body("items.providerId", contains(expectedIds.toArray()));
        });

        String board = given().auth().oauth2(Tokens.provider(laggard)).queryParam("period", "2021-11").queryParam("type", "MCN")
                .queryParam("category", category).get("/leaderboards")
                .then().statusCode(200)
                .body("total", equalTo(10))
                .body("items[0].rank", equalTo(1))
                .body("items[0].score", equalTo(0.81f))
                .body("items[0].components.gmvGrowth", equalTo(0.8f))
                .body("items[0].components.leaps", equalTo(2))
                .body("items[0].components.rating", equalTo(5.0f))
                .body("items[0].components.scaled.gmvGrowth", equalTo(0.9f))
                .body("items[0].components.points.gmvGrowth", equalTo(0.36f))
                .body("items[0].probation", equalTo(false))
                .body("items[1].score", equalTo(0.69f))
                .body("items[2].score", equalTo(0.595f))
                .body("items[9].score", equalTo(0f))
                .body("items[9].rank", equalTo(10))
                .body("items[9].probation", equalTo(true))
                .body("items.findAll { it.probation }", hasSize(1))
                .extract().asString();

        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", laggard).then().body("suspensionProposed", equalTo(true));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", providers.get(0)).then().body("suspensionProposed", equalTo(false));
        given().auth().oauth2(Tokens.provider(laggard)).get("/providers/{id}/decisions", laggard)
                .then().body("items.action", hasItem("SUSPENSION_PROPOSED"))
                .body("items.findAll { it.action == 'SUSPENSION_PROPOSED' }", hasSize(1));

        // the same period computed again gives the same board and no second proposal
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-11/compute").then().statusCode(200)
                .body("suspensionProposals", hasSize(0));
        String again = given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("type", "MCN")
                .queryParam("category", category).get("/leaderboards").then().statusCode(200).extract().asString();
        assertEquals(board, again);
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/decisions", laggard)
                .then().body("items.findAll { it.action == 'SUSPENSION_PROPOSED' }", hasSize(1));
    }

    @Test
    void leaderboardsAreGuardedAndValidated() {
        given().queryParam("period", "2021-11").get("/leaderboards").then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).queryParam("period", "2021-11").get("/leaderboards").then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).get("/leaderboards").then().statusCode(422).body("errors[0].field", equalTo("period"));
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-13").get("/leaderboards").then().statusCode(422);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("type", "AGENCY").get("/leaderboards")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "1999-01").get("/leaderboards").then().statusCode(422);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2030-01").get("/leaderboards")
                .then().statusCode(200).body("total", equalTo(0));
        given().post("/leaderboards/2021-11/compute").then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).post("/leaderboards/2021-11/compute").then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).post("/leaderboards/2021-11/compute").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/someday/compute").then().statusCode(422);
    }
}
