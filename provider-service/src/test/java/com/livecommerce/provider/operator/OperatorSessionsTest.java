package com.livecommerce.provider.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** session-events -> operator-run session statistics (sessions, GMV, ROI), once per event. */
@QuarkusTest
class OperatorSessionsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void sessionEnded(String eventId, UUID provider, UUID operator, String gmv, String adSpend) {
        UUID session = UUID.randomUUID();
        TopicProbe.sendCloudEvent(bootstrap, "session-events", session.toString(), eventId, "SessionEnded", "/session-service", """
                {"sessionId": "%s", "merchantId": "%s", "providerId": "%s", "operatorId": "%s", "date": "2021-11-25",
                 "gmv": %s, "orders": 160000, "adSpend": %s}""".formatted(session, UUID.randomUUID(), provider, operator, gmv, adSpend));
    }

    @Test
    void sessionsRunByAnOperatorAddUpOnce() {
        UUID provider = Fixtures.provider("Session Runners", "MCN", "apparel", 5, "1");
        UUID operator = Fixtures.operator(provider, true);
        String first = UUID.randomUUID().toString();
        sessionEnded(first, provider, operator, "20000000.00", "1600000.00");   // Session A: GMV 20M
        sessionEnded(first, provider, operator, "20000000.00", "1600000.00");   // redelivered
        sessionEnded(UUID.randomUUID().toString(), provider, operator, "2300000.00", "150000.00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.provider(provider))
                .get("/providers/{id}/operators", provider)
                .then().statusCode(200)
                .body("items[0].sessionsRun", equalTo(2))
                .body("items[0].sessionGmv", equalTo(22300000.00f))
                .body("items[0].adSpend", equalTo(1750000.00f))
                .body("items[0].roi", equalTo(12.7429f)));
    }
}
