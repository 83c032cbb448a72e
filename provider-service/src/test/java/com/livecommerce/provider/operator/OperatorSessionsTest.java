package com.livecommerce.provider.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** session-events -> operator-run session statistics (sessions, GMV, ROI), once per event and once per session. */
@QuarkusTest
class OperatorSessionsTest {

    static final Path SESSION_ENDED = Path.of("../session-service/src/main/resources/events/session-events/SessionEnded.schema.json");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void sessionEnded(String eventId, UUID session, UUID provider, UUID operator, String gmv, String adSpend) {
        sessionEnded(session, eventId, session, provider, operator, gmv, adSpend);
    }

    /** {@code key}: the Kafka key (normally the session id; another one keeps an event behind others in their partition). */
    void sessionEnded(UUID key, String eventId, UUID session, UUID provider, UUID operator, String gmv, String adSpend) {
        String json = """
                {"sessionId": "%s", "merchantId": "%s", "providerId": "%s", "operatorId": "%s", "date": "2021-11-25",
                 "gmv": %s, "orders": 160000, "adSpend": %s}""".formatted(session, UUID.randomUUID(), provider, operator, gmv, adSpend);
        assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(SESSION_ENDED), json));
        TopicProbe.sendCloudEvent(bootstrap, "session-events", key.toString(), eventId, "SessionEnded", "/session-service", json);
    }

    @Test
    void sessionsRunByAnOperatorAddUpOncePerEventAndOncePerSession() {
        UUID provider = Fixtures.provider("Session Runners", "MCN", "apparel", 5, "1");
        UUID operator = Fixtures.operator(provider, true);
        UUID sessionA = UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        sessionEnded(first, sessionA, provider, operator, "20000000.00", "1600000.00");                       // Session A: GMV 20M
        sessionEnded(first, sessionA, provider, operator, "20000000.00", "1600000.00");                       // redelivered
        sessionEnded(UUID.randomUUID().toString(), sessionA, provider, operator, "20000000.00", "1600000.00"); // republished, new id
        sessionEnded(UUID.randomUUID().toString(), UUID.randomUUID(), provider, operator, "2300000.00", "150000.00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.provider(provider))
                .get("/providers/{id}/operators/{o}", provider, operator)
                .then().statusCode(200)
                .body("sessionsRun", equalTo(2))
                .body("sessionGmv", equalTo(22300000.00f))
                .body("adSpend", equalTo(1750000.00f))
                .body("roi", equalTo(12.7429f)));
        // a last session sent behind the republished one (same partition): when it counts, the republished one was applied, once
        sessionEnded(sessionA, UUID.randomUUID().toString(), UUID.randomUUID(), provider, operator, "100.00", "0");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.provider(provider))
                .get("/providers/{id}/operators/{o}", provider, operator)
                .then().body("sessionsRun", equalTo(3)).body("sessionGmv", equalTo(22300100.00f)));
    }

    @Test
    void aSessionOfAnOperatorTheProviderDoesNotHaveIsDeadLettered() {
        UUID provider = Fixtures.provider("Not Its Operator", "MCN", "apparel", 5, "1");
        UUID other = Fixtures.provider("Its Operator", "MCN", "apparel", 5, "1");
        UUID operator = Fixtures.operator(other, false);
        UUID session = UUID.randomUUID();
        sessionEnded(UUID.randomUUID().toString(), session, provider, operator, "1000.00", "10.00");
        try (TopicProbe dlq = TopicProbe.from(bootstrap, "provider-service.session-events.dlq")) {
            ConsumerRecord<String, String> r = dlq.await(x -> session.toString().equals(x.key()), 1, Duration.ofSeconds(30)).get(0);
            assertTrue(TopicProbe.header(r, "dead-letter-reason").contains("does not have"), TopicProbe.header(r, "dead-letter-reason"));
        }
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/operators/{o}", other, operator).then().body("sessionsRun", equalTo(0));
    }
}
