package com.livecommerce.matching.openapi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.OpenApiClients;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client team generates a Java client from the live /q/openapi (OpenAPI Generator, java/native) and uses it
 * with no workaround: the document passes Redocly's recommended rules with no error, the client compiles, and
 * the story in {@code openapi-client/MatchingClientStory.java} runs against this service with a platform-admin
 * token (read models, recommendations, the engagement lifecycle with 201 + Location, a campaign followed until
 * COMPLETED, insights, 409 / 404 / 422 / 401 read as Problem).
 * <p>
 * Matching's read models come only from merchant-events and provider-events, which no client can write: this
 * test publishes them first, as merchant-service and provider-service do, and hands the story their ids. The
 * periods 2032H1 / 2032H2 are this test's own (no other test has a ledger entry there), so its campaign's cohort
 * and the insights over them hold its merchants only.
 */
@QuarkusTest
class OpenApiClientTest {

    private static final Logger LOG = Logger.getLogger(OpenApiClientTest.class);

    @TestHTTPResource("/")
    URL app;

    @Test
    void aGeneratedJavaClientWorksWithoutWorkarounds() throws Exception {
        String category = "story-" + UUID.randomUUID();
        String region = "story-region-" + UUID.randomUUID();
        // the merchant of the recommendations and the engagement lifecycle, with a service request
        UUID merchant = Fixtures.merchant("BRAND", category, region);
        Events.requestService(merchant, "2026-01-05T08:00:00Z", "LIVE_OPERATIONS", "AD_OPTIMIZATION");
        // a second one, for a proposal that is terminated
        UUID other = Fixtures.merchant("BRAND", category, region);
        // three merchants stalled between 2032H1 and 2032H2: the campaign's cohort
        List<UUID> stalled = List.of(Fixtures.merchant("BRAND", category, region), Fixtures.merchant("BRAND", category, region),
                Fixtures.merchant("BRAND", category, region));
        for (UUID m : stalled) {
            Events.gmv(m, "2032-03-01", "1000000.00", "story-h1-" + m, "GROWING", 1);
            Events.gmv(m, "2032-09-01", "800000.50", "story-h2-" + m, "STALLED", 2);
        }
        // the best provider for them (same type, category and region, covers the needs), and a second one
        UUID best = Fixtures.provider("BRAND", List.of(category), List.of(region), List.of("LIVE_OPERATIONS", "AD_OPTIMIZATION"), 3);
        UUID second = Fixtures.provider("BRAND", List.of(category), List.of("elsewhere"), List.of("LIVE_OPERATIONS"), 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", merchant).then().body("needs.size()", equalTo(2));
            for (UUID m : stalled) {
                given().auth().oauth2(Tokens.admin()).get("/read-models/merchants/{id}", m).then().body("ledgerEntries", equalTo(2));
            }
        });

        OpenApiClients.Result result = OpenApiClients.verify(app.toURI(), Path.of("target/openapi-client"),
                "com.livecommerce.client.matching", "openapi-client/MatchingClientStory.java", Tokens.admin(),
                merchant.toString(), other.toString(), stalled.get(0).toString(), stalled.get(1).toString(), stalled.get(2).toString(),
                best.toString(), second.toString());
        LOG.infof("redocly lint of matching-service's OpenAPI document: %s", result.lint().report());
    }
}
