package com.livecommerce.provider.leaderboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.provider.Engagements;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A cohort of ten MCN providers with the same results in 2021-10 and 2021-11: provider i (1..9)
 * grew its merchant's GMV by i*10% (1,000,000 before), credited i%3 leaps and was rated 3+i%3; the
 * laggard shrank its merchant by 10%, no leap, rated 1. Expected board (log2 growth with 10,000 CNY
 * smoothing on the fixed range +-3, leaps by rank, rating (mean-1)/4; weights 0.40/0.25/0.15/0.20):
 * 8 (0.650553), 5 (0.633124), 2 (0.611821), 7 (0.511754), 4 (0.4932), 1 (0.470191), 9 (0.361281),
 * 6 (0.344847), 3 (0.325014), laggard (0.189972): the laggard is on probation twice in a row, so its
 * suspension is proposed; recomputing 2021-10 with its late results withdraws both.
 */
@QuarkusTest
class LeaderboardTest {

    static final String NOT_FOUND = "urn:livecommerce:problem:not-found";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    static List<String> actions(UUID provider) {
        return given().auth().oauth2(Tokens.admin()).queryParam("size", 200).get("/providers/{id}/decisions", provider)
                .then().statusCode(200).extract().jsonPath().getList("items.action");
    }

    static JsonPath board(String period, String category) {
        return given().auth().oauth2(Tokens.viewer()).queryParam("period", period).queryParam("type", "MCN").queryParam("category", category)
                .get("/leaderboards").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void ranksOnMerchantsResultsPutsTheBottomOnProbationProposesSuspensionAndWithdrawsWhatNoLongerHolds() {
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
                    // a leap on a flat engagement: counts as a leap and a rating, adds no GMV
                    Engagements.send(bootstrap, l, Engagements.completed(l, providers.get(i - 1), UUID.randomUUID(), day,
                            "0.00", "0.00", true, 3 + i % 3));
                }
            }
            UUID e = UUID.randomUUID();
            Engagements.send(bootstrap, e, Engagements.completed(e, laggard, UUID.randomUUID(), day, "1000000.00", "900000.00", false, 1));
        }
        List<UUID> expected = List.of(providers.get(7), providers.get(4), providers.get(1), providers.get(6), providers.get(3),
                providers.get(0), providers.get(8), providers.get(5), providers.get(2), laggard);
        List<String> expectedIds = expected.stream().map(UUID::toString).toList();

        List<UUID> cohort = new ArrayList<>(providers);
        cohort.add(laggard);
        awaitOutcomes(cohort, 38);
        for (String period : List.of("2021-10", "2021-11")) {
            given().auth().oauth2(Tokens.admin()).post("/leaderboards/{p}/compute", period).then().statusCode(200);
            assertEquals(expectedIds, board(period, category).getList("items.providerId"));
        }

        String boardJson = given().auth().oauth2(Tokens.provider(laggard)).queryParam("period", "2021-11").queryParam("type", "MCN")
                .queryParam("category", category).get("/leaderboards")
                .then().statusCode(200)
                .body("total", equalTo(10))
                .body("items.rank", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
                .body("items[0].score", equalTo(0.650553f))
                .body("items[0].components.gmvGrowth", equalTo(0.841634f))
                .body("items[0].components.leaps", equalTo(2))
                .body("items[0].components.rating", equalTo(5.0f))
                .body("items[0].components.scaled.gmvGrowth", equalTo(0.640272f))
                .body("items[0].components.scaled.leaps", equalTo(0.777778f))
                .body("items[0].components.points.gmvGrowth", equalTo(0.256109f))
                .body("items[0].probation", equalTo(false))
                .body("items[1].score", equalTo(0.633124f))
                .body("items[2].score", equalTo(0.611821f))
                .body("items[9].score", equalTo(0.189972f))
                .body("items[9].components.gmvGrowth", equalTo(-0.150417f))
                .body("items[9].rank", equalTo(10))
                .body("items[9].probation", equalTo(true))
                .body("items.findAll { it.probation }", hasSize(1))
                .extract().asString();

        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", laggard).then().body("suspensionProposed", equalTo(true));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", providers.get(0)).then().body("suspensionProposed", equalTo(false));
        List<String> trail = actions(laggard);
        assertEquals(List.of("PROBATION", "PROBATION", "SUSPENSION_PROPOSED"),
                trail.stream().filter(a -> a.startsWith("PROBATION") || a.startsWith("SUSPENSION")).toList());
        given().auth().oauth2(Tokens.provider(laggard)).get("/providers/{id}/decisions", laggard).then()
                .body("items.find { it.action == 'SUSPENSION_PROPOSED' }.reasons[0]",
                        equalTo("on probation in 2021-10 and 2021-11: suspension proposed to platform-admin"))
                .body("items.find { it.action == 'PROBATION' }.reasons[0]",
                        equalTo("bottom of the MCN/" + category + " leaderboard of 2021-10: rank 10 of 10, score 0.189972"));
        try (TopicProbe probe = TopicProbe.from(bootstrap, "provider-events")) {
            ConsumerRecord<String, String> proposed = probe.await(r -> laggard.toString().equals(r.key())
                    && "ProviderSuspensionProposed".equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(20)).get(0);
            assertEquals(List.of(), EventSchemas.violations(
                    EventSchemas.fromClasspath("events/provider-events/ProviderSuspensionProposed.schema.json"), proposed.value()));
            assertEquals("2021-11", JsonPath.from(proposed.value()).getString("period"), proposed.value());
            assertEquals(true, JsonPath.from(proposed.value()).getBoolean("suspensionProposed"), proposed.value());
        }

        // the same period computed again gives the same board and changes nothing: no audit entry, no event
        int events = countEvents(laggard);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-11/compute").then().statusCode(200)
                .body("newProbations", hasSize(0)).body("probationsWithdrawn", hasSize(0))
                .body("suspensionProposals", hasSize(0)).body("suspensionProposalsWithdrawn", hasSize(0));
        String again = given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("type", "MCN")
                .queryParam("category", category).get("/leaderboards").then().statusCode(200).extract().asString();
        assertEquals(boardJson, again);
        assertEquals(trail, actions(laggard));
        assertEquals(events, countEvents(laggard));

        // late results of 2021-10 lift the laggard: recomputing 2021-10 withdraws its probation there, and the
        // proposal of 2021-11 that rested on it; the new bottom of 2021-10 goes on probation
        UUID late = UUID.randomUUID();
        Engagements.send(bootstrap, late, Engagements.completed(late, laggard, UUID.randomUUID(), LocalDate.of(2021, 10, 20),
                "1000000.00", "5000000.00", true, 5));
        awaitOutcomes(cohort, 39);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-10/compute").then().statusCode(200)
                .body("probationsWithdrawn", contains(laggard.toString()))
                .body("suspensionProposalsWithdrawn", contains(laggard.toString()))
                .body("newProbations", contains(providers.get(2).toString()))
                .body("suspensionProposals", hasSize(0));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", laggard).then().body("suspensionProposed", equalTo(false));
        assertEquals(List.of("PROBATION", "PROBATION", "SUSPENSION_PROPOSED", "PROBATION_WITHDRAWN", "SUSPENSION_PROPOSAL_WITHDRAWN"),
                actions(laggard).stream().filter(a -> a.startsWith("PROBATION") || a.startsWith("SUSPENSION")).toList());
        assertEquals(List.of("PROBATION"), actions(providers.get(2)).stream().filter(a -> !a.equals("OPERATOR_CERTIFIED")
                && !a.equals("ADMITTED")).toList());
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", providers.get(2)).then().body("suspensionProposed", equalTo(false));
        JsonPath october = board("2021-10", category);
        assertEquals(List.of(providers.get(2).toString()), october.getList("items.findAll { it.probation }.providerId"));
        try (TopicProbe probe = TopicProbe.from(bootstrap, "provider-events")) {
            ConsumerRecord<String, String> withdrawn = probe.await(r -> laggard.toString().equals(r.key())
                    && "ProviderSuspensionProposalWithdrawn".equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(20)).get(0);
            assertEquals(List.of(), EventSchemas.violations(
                    EventSchemas.fromClasspath("events/provider-events/ProviderSuspensionProposalWithdrawn.schema.json"), withdrawn.value()));
            assertEquals(false, JsonPath.from(withdrawn.value()).getBoolean("suspensionProposed"), withdrawn.value());
            assertEquals("2021-11", JsonPath.from(withdrawn.value()).getString("period"), withdrawn.value());
        }
        // the board of 2021-11 itself is unchanged (the laggard still trails there)
        assertEquals(boardJson, given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("type", "MCN")
                .queryParam("category", category).get("/leaderboards").then().statusCode(200).extract().asString());
    }

    /** Waits until the consumer recorded {@code count} completed engagements of {@code providers}. */
    private void awaitOutcomes(List<UUID> providers, long count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(count, pool
                .preparedQuery("select count(*) from engagement_outcome where provider_id = any($1)")
                .execute(Tuple.of(providers.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0)));
    }

    private int countEvents(UUID provider) {
        try (TopicProbe probe = TopicProbe.from(bootstrap, "provider-events")) {
            return probe.drain(r -> provider.toString().equals(r.key()), Duration.ofSeconds(3)).size();
        }
    }

    /** Period boundaries are UTC: 02:00 on 1 December in Shanghai is still 30 November in UTC. */
    @Test
    void anEngagementCompletedAtAnOffsetCountsInItsUtcPeriod() {
        String category = "utc-" + UUID.randomUUID().toString().substring(0, 8);
        UUID provider = Fixtures.admitted("Shanghai Evening", "MCN", category);
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement, """
                {"engagementId": "%s", "merchantId": "%s", "providerId": "%s", "completedAt": "2021-12-01T02:00:00+08:00",
                 "outcome": {"gmvBefore": 1000000.00, "gmvDuring": 2000000.00, "leap": false}}"""
                .formatted(engagement, UUID.randomUUID(), provider));
        awaitOutcomes(List.of(provider), 1);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-11/compute").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].components.gmvGrowth", equalTo(0.99284f));
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2021-12/compute").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-12").queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].components.gmvGrowth", nullValue());
    }

    /** Recomputing replaces the board: a provider suspended since leaves it, the others move up. */
    @Test
    void aRecomputeDropsTheEntriesOfProvidersNoLongerInGoodStanding() {
        String category = "leaver-" + UUID.randomUUID().toString().substring(0, 8);
        UUID staying = Fixtures.admitted("Staying", "MCN", category);
        UUID leaving = Fixtures.admitted("Leaving", "MCN", category);
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement, Engagements.completed(engagement, leaving, UUID.randomUUID(), LocalDate.of(2022, 3, 3),
                "1000000.00", "3000000.00", true, 5));
        awaitOutcomes(List.of(leaving), 1);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2022-03/compute").then().statusCode(200);
        assertEquals(List.of(leaving.toString(), staying.toString()), board("2022-03", category).getList("items.providerId"));
        given().auth().oauth2(Tokens.admin()).contentType(io.restassured.http.ContentType.JSON).body("{\"reason\": \"audit\"}")
                .post("/providers/{id}/suspend", leaving).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2022-03/compute").then().statusCode(200);
        JsonPath after = board("2022-03", category);
        assertEquals(List.of(staying.toString()), after.getList("items.providerId"));
        assertEquals(List.of(1), after.getList("items.rank"));
    }

    @Test
    void withoutAPeriodTheLatestComputedPeriodIsListed() {
        String category = "latest-" + UUID.randomUUID().toString().substring(0, 8);
        UUID provider = Fixtures.admitted("Latest", "MCN", category);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2099-11/compute").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2099-12/compute").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2099Q4/compute").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].period", equalTo("2099-12")).body("items[0].providerId", equalTo(provider.toString()));
        given().auth().oauth2(Tokens.provider(provider)).queryParam("period", "").queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("items[0].period", equalTo("2099-12"));
    }

    @Test
    void leaderboardsAreGuardedAndValidated() {
        given().queryParam("period", "2021-11").get("/leaderboards").then().statusCode(401);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).queryParam("period", "2021-11").get("/leaderboards").then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-13").get("/leaderboards")
                .then().statusCode(422).body("errors[0].field", equalTo("period"));
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2021-11").queryParam("type", "AGENCY").get("/leaderboards")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "1999-01").get("/leaderboards").then().statusCode(422);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2030-01").get("/leaderboards")
                .then().statusCode(200).body("total", equalTo(0));
        given().post("/leaderboards/2021-11/compute").then().statusCode(401);
        given().auth().oauth2(Tokens.viewer()).post("/leaderboards/2021-11/compute").then().statusCode(403);
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).post("/leaderboards/2021-11/compute").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/someday/compute").then().statusCode(422);
        // the first period there is computes without a period before it
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2000-01/compute").then().statusCode(200);
    }
}
