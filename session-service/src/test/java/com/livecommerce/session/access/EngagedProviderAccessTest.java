package com.livecommerce.session.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import com.livecommerce.session.Fixtures;
import com.livecommerce.testsupport.EngagementEvents;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A merchant's sessions are the merchant's data: a provider that does not run a session reads it (and its KPIs, and
 * the merchant's session list) only while an engagement with the merchant is ACTIVE, as engagement-events
 * (matching-service's own examples) say. Running a session still needs a participant.
 */
@QuarkusTest
class EngagedProviderAccessTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static void awaitAll(List<String> paths, String token, int status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String path : paths) {
                given().auth().oauth2(token).get(path).then().statusCode(status);
            }
        });
    }

    @Test
    void anEngagedProviderReadsTheMerchantsSessionsOnlyWhileTheEngagementIsActive() throws Exception {
        UUID merchant = UUID.randomUUID();
        UUID runner = UUID.randomUUID(); // the provider that runs the session
        UUID session = Fixtures.session(merchant, runner, UUID.randomUUID());
        UUID provider = UUID.randomUUID(); // engaged later, runs nothing here
        UUID engagement = UUID.randomUUID();
        String token = Tokens.provider(provider);
        List<String> reads = List.of("/sessions/" + session, "/sessions/" + session + "/kpis");

        awaitAll(reads, token, 403);
        given().auth().oauth2(token).queryParam("merchantId", merchant).get("/sessions").then().statusCode(200)
                .body("items.id", not(hasItem(session.toString()))); // narrowed to its own sessions: none
        EngagementEvents.send(bootstrap, "EngagementAccepted", engagement, merchant, provider, 1L);
        Thread.sleep(1500);
        awaitAll(List.of("/sessions/" + session), token, 403);

        EngagementEvents.send(bootstrap, "EngagementActivated", engagement, merchant, provider, 2L);
        awaitAll(reads, token, 200);
        given().auth().oauth2(token).get("/sessions/{id}", session).then().body("merchantId", equalTo(merchant.toString()));
        given().auth().oauth2(token).queryParam("merchantId", merchant).get("/sessions").then().statusCode(200)
                .body("items.id", hasItems(session.toString())).body("total", equalTo(1));
        // reading is not running: the engaged provider cannot start, end or cancel the merchant's session
        given().auth().oauth2(token).post("/sessions/{id}/start", session).then().statusCode(403);
        given().auth().oauth2(token).post("/sessions/{id}/cancel", session).then().statusCode(403);
        // another provider and another merchant's sessions stay closed
        awaitAll(List.of("/sessions/" + session), Tokens.provider(UUID.randomUUID()), 403);
        UUID otherSession = Fixtures.session(UUID.randomUUID(), runner, UUID.randomUUID());
        awaitAll(List.of("/sessions/" + otherSession, "/sessions/" + otherSession + "/kpis"), token, 403);
        given().auth().oauth2(token).queryParam("merchantId", UUID.randomUUID()).get("/sessions").then().statusCode(200)
                .body("total", equalTo(0));

        EngagementEvents.send(bootstrap, "EngagementCompleted", engagement, merchant, provider, null);
        awaitAll(reads, token, 403);
        given().auth().oauth2(token).queryParam("merchantId", merchant).get("/sessions").then().statusCode(200)
                .body("total", equalTo(0));
        // the provider running the session keeps its access throughout
        awaitAll(reads, Tokens.provider(runner), 200);
    }
}
