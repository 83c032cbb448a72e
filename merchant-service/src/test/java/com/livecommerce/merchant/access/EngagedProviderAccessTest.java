package com.livecommerce.merchant.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.EngagementEvents;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A provider reads a merchant's data (merchant, ledger, growth, service requests) only while an engagement between
 * them is ACTIVE, as engagement-events (matching-service's own examples) say; it never writes it.
 */
@QuarkusTest
class EngagedProviderAccessTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The merchant's readable resources, as paths. */
    static List<String> reads(UUID merchant, String request) {
        return List.of("/merchants/" + merchant, "/merchants/" + merchant + "/gmv?from=2021-01-01&to=2021-12-31",
                "/merchants/" + merchant + "/growth?earlier=2021H1&later=2021H2", "/merchants/" + merchant + "/service-requests", request);
    }

    static void awaitAll(List<String> paths, String token, int status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String path : paths) {
                given().auth().oauth2(token).get(path).then().statusCode(status);
            }
        });
    }

    @Test
    void aProviderReadsAMerchantsDataOnlyWhileItsEngagementIsActive() throws Exception {
        UUID merchant = Fixtures.merchant("Engaged Brand");
        Fixtures.gmv(merchant, "2021-03-01", "1000000.00", "engaged-h1");
        String request = given().auth().oauth2(Tokens.merchant(merchant)).contentType(ContentType.JSON)
                .body("{\"needs\": [\"LIVE_OPERATIONS\"], \"monthlyBudget\": 300000, \"gmvTarget\": 3000000}")
                .post("/merchants/{id}/service-requests", merchant).then().statusCode(201).extract().header("Location");
        List<String> paths = reads(merchant, request);
        UUID provider = UUID.randomUUID();
        UUID engagement = UUID.randomUUID();
        String providerToken = Tokens.provider(provider);

        awaitAll(paths, providerToken, 403); // no engagement
        EngagementEvents.send(bootstrap, "EngagementProposed", engagement, merchant, provider, 0L);
        EngagementEvents.send(bootstrap, "EngagementAccepted", engagement, merchant, provider, 1L);
        Thread.sleep(1500);
        awaitAll(paths, providerToken, 403); // proposed and accepted are not enough

        EngagementEvents.send(bootstrap, "EngagementActivated", engagement, merchant, provider, 2L);
        awaitAll(paths, providerToken, 200);
        given().auth().oauth2(providerToken).get("/merchants/{id}", merchant).then().body("id", equalTo(merchant.toString()));
        given().auth().oauth2(providerToken).queryParam("earlier", "2021H1").queryParam("later", "2021H2")
                .get("/merchants/{id}/growth", merchant).then().body("earlierGmv", equalTo(1000000.00f));
        // another provider, and another merchant's data, stay closed; the engaged provider still cannot write
        awaitAll(paths, Tokens.provider(UUID.randomUUID()), 403);
        UUID other = Fixtures.merchant("Not Engaged Brand");
        awaitAll(List.of("/merchants/" + other, "/merchants/" + other + "/gmv"), providerToken, 403);
        given().auth().oauth2(providerToken).contentType(ContentType.JSON).body("{\"name\": \"Taken Over\", \"version\": 0}")
                .patch("/merchants/{id}", merchant).then().statusCode(403);
        given().auth().oauth2(providerToken).contentType(ContentType.JSON)
                .body("[{\"date\": \"2021-09-01\", \"gmv\": 1, \"orders\": 1, \"sourceId\": \"by-provider\"}]")
                .post("/merchants/{id}/gmv", merchant).then().statusCode(403);
        // bad input from an engaged provider is still a 400, not a 500
        given().auth().oauth2(providerToken).queryParam("from", "not-a-date").get("/merchants/{id}/gmv", merchant)
                .then().statusCode(400).contentType("application/problem+json");

        EngagementEvents.send(bootstrap, "EngagementCompleted", engagement, merchant, provider, null);
        awaitAll(paths, providerToken, 403);
        EngagementEvents.send(bootstrap, "EngagementActivated", engagement, merchant, provider, 2L); // late duplicate
        Thread.sleep(1500);
        awaitAll(paths, providerToken, 403);
    }

    @Test
    void aTerminatedEngagementClosesAccess() {
        UUID merchant = Fixtures.merchant("Terminated Brand");
        UUID provider = UUID.randomUUID();
        UUID engagement = UUID.randomUUID();
        String providerToken = Tokens.provider(provider);
        List<String> paths = List.of("/merchants/" + merchant, "/merchants/" + merchant + "/service-requests");
        EngagementEvents.send(bootstrap, "EngagementActivated", engagement, merchant, provider, 2L);
        awaitAll(paths, providerToken, 200);
        EngagementEvents.send(bootstrap, "EngagementTerminated", engagement, merchant, provider, 3L);
        awaitAll(paths, providerToken, 403);
    }
}
