package com.livecommerce.provider.trackrecord;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.Engagements;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The daily recomputation drops served GMV that left the trailing 12 months, and the tier with it. */
@QuarkusTest
class TrailingYearTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    TrackRecord trackRecord;

    @Test
    void anEngagementAgesOutOfTheTrailingYear() throws Throwable {
        UUID provider = Fixtures.admitted("Ageing", "MCN", "apparel");
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement, Engagements.completed(engagement, provider, UUID.randomUUID(),
                LocalDate.now(ZoneOffset.UTC).minusDays(364), "1.00", "150000000.00", false, 4));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("tier", equalTo("HUNDRED_MILLION")));
        // two days later (by the UTC calendar) the engagement is older than 365 days
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.now().plus(Duration.ofDays(2))), UtcClock.class);
        VertxContextSupport.subscribeAndAwait(() -> trackRecord.recomputeAll());
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("tier", equalTo("NONE")).body("servedGmv12m", equalTo(0f));
    }
}
