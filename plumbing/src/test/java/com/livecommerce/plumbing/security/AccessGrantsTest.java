package com.livecommerce.plumbing.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A provider reads a merchant's data only while an engagement between them is ACTIVE; grants follow the events by version. */
@QuarkusTest
class AccessGrantsTest {

    static final String TOPIC = "plumbing-test-engagement-events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void send(UUID engagement, String type, UUID merchant, UUID provider, String status, Integer version) {
        String data = "{\"engagementId\": \"%s\", \"merchantId\": \"%s\", \"providerId\": \"%s\"%s%s, \"later\": true}".formatted(engagement,
                merchant, provider, status == null ? "" : ", \"status\": \"" + status + "\"", version == null ? "" : ", \"version\": " + version);
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, engagement.toString(), UUID.randomUUID().toString(), type, "/matching-service", data);
    }

    int read(UUID merchant, String token) {
        return given().auth().oauth2(token).get("/test/merchants/{id}", merchant).then().extract().statusCode();
    }

    void awaitStatus(UUID merchant, String token, int status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> read(merchant, token) == status);
    }

    @Test
    void grantsAppearAndDisappearWithTheEngagementsState() throws Exception {
        UUID merchant = UUID.randomUUID();
        UUID provider = UUID.randomUUID();
        UUID engagement = UUID.randomUUID();
        String providerToken = Tokens.provider(provider);
        // the merchant itself and platform-admin always; another provider or merchant never
        awaitStatus(merchant, Tokens.merchant(merchant), 200);
        awaitStatus(merchant, Tokens.admin(), 200);
        awaitStatus(merchant, Tokens.merchant(UUID.randomUUID()), 403);
        awaitStatus(merchant, Tokens.viewer(), 403);

        send(engagement, "EngagementProposed", merchant, provider, "PROPOSED", 0);
        send(engagement, "EngagementAccepted", merchant, provider, "ACCEPTED", 1);
        Thread.sleep(1000);
        awaitStatus(merchant, providerToken, 403);
        send(engagement, "EngagementActivated", merchant, provider, "ACTIVE", 2);
        awaitStatus(merchant, providerToken, 200);
        awaitStatus(merchant, Tokens.provider(UUID.randomUUID()), 403);
        awaitStatus(UUID.randomUUID(), providerToken, 403); // another merchant
        send(engagement, "EngagementCompleted", merchant, provider, null, null); // no status, no version: the type says it
        awaitStatus(merchant, providerToken, 403);
        send(engagement, "EngagementActivated", merchant, provider, "ACTIVE", 2); // stale, late: changes nothing
        Thread.sleep(1500);
        awaitStatus(merchant, providerToken, 403);

        // a second engagement between them: access again while it is ACTIVE, gone when it is terminated
        UUID second = UUID.randomUUID();
        send(second, "EngagementActivated", merchant, provider, "ACTIVE", 2);
        awaitStatus(merchant, providerToken, 200);
        send(second, "EngagementTerminated", merchant, provider, "TERMINATED", 3);
        awaitStatus(merchant, providerToken, 403);
    }
}
