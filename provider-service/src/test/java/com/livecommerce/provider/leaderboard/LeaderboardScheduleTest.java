package com.livecommerce.provider.leaderboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.Engagements;
import com.livecommerce.provider.Fixtures;
import com.livecommerce.provider.trackrecord.TrackRecord;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Schedules are UTC whatever the JVM's zone, and a period's scheduled computation runs once across triggers (and replicas). */
@QuarkusTest
class LeaderboardScheduleTest {

    @Inject
    Scheduler scheduler;

    @Inject
    LeaderboardSchedule schedule;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theSchedulesFireAtTheirUtcTimesInAJvmInShanghai() {
        assertEquals(ZoneId.of("Asia/Shanghai"), ZoneId.systemDefault(), "the tests run in Asia/Shanghai on purpose");
        Instant leaderboards = scheduler.getScheduledJob(LeaderboardSchedule.JOB).getNextFireTime();
        assertEquals(LocalTime.of(2, 0), leaderboards.atOffset(ZoneOffset.UTC).toLocalTime(), leaderboards.toString());
        Instant trailingYear = scheduler.getScheduledJob(TrackRecord.JOB).getNextFireTime();
        assertEquals(LocalTime.of(1, 30), trailingYear.atOffset(ZoneOffset.UTC).toLocalTime(), trailingYear.toString());
    }

    @Test
    void theMonthThatEndedIsComputedOnceWhateverTheNumberOfTriggers() throws Throwable {
        // 2031-03-31T20:00Z is already 1 April in Shanghai; by the UTC calendar the month that ended is February
        QuarkusMock.installMockForType(UtcClock.fixed(Instant.parse("2031-03-31T20:00:00Z")), UtcClock.class);
        String category = "scheduled-" + UUID.randomUUID().toString().substring(0, 8);
        UUID provider = Fixtures.admitted("Scheduled", "MCN", category);

        assertTrue(VertxContextSupport.subscribeAndAwait(() -> schedule.run()), "the first trigger of the month computes it");
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2031-02").queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].components.gmvGrowth", nullValue());

        // results arrive for February; the next trigger (the next day, or another replica) does not compute February again
        UUID engagement = UUID.randomUUID();
        Engagements.send(bootstrap, engagement, Engagements.completed(engagement, provider, UUID.randomUUID(), LocalDate.of(2031, 2, 10),
                "1000000.00", "2000000.00", false, 5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/providers/{id}", provider)
                .then().body("servedGmv12m", equalTo(2000000.00f)));
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> schedule.run()), "the month was done");
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2031-02").queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("items[0].components.gmvGrowth", nullValue());

        // on demand it is recomputed (which shows the trigger really skipped the work)
        given().auth().oauth2(Tokens.admin()).post("/leaderboards/2031-02/compute").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).queryParam("period", "2031-02").queryParam("category", category).get("/leaderboards")
                .then().statusCode(200).body("items[0].components.gmvGrowth", equalTo(0.99284f));
    }
}
