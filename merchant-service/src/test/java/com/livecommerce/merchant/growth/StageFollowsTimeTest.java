package com.livecommerce.merchant.growth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A merchant's stage follows time, not only new ledger entries: the daily reassessment moves a
 * merchant that stopped selling to STALLED, then DECLINING, and publishes the change as of that day.
 */
@QuarkusTest
class StageFollowsTimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StageReassessment reassessment;

    @Inject
    Scheduler scheduler;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** One entry a day of {@code gmv} for {@code days} days ending on {@code last} (inclusive). */
    private static String daily(LocalDate last, int days, String gmv, String prefix) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < days; i++) {
            LocalDate d = last.minusDays(i);
            sb.append(i == 0 ? "" : ",").append("{\"date\": \"").append(d).append("\", \"gmv\": ").append(gmv)
                    .append(", \"orders\": 1, \"sourceId\": \"").append(prefix).append(d).append("\"}");
        }
        return sb.append(']').toString();
    }

    private static void record(UUID merchant, String batch) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(batch)
                .post("/merchants/{id}/gmv", merchant).then().statusCode(200);
    }

    private static String stage(UUID merchant) {
        return given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", merchant).then().statusCode(200).extract().path("stage");
    }

    @Test
    void aMerchantThatStopsSellingStallsThenDeclinesWithoutANewEntry() throws Throwable {
        UUID id = Fixtures.merchant("Stops Selling");
        LocalDate t0 = LocalDate.parse("2026-06-30");
        Fixtures.today(t0.toString());
        // 180 days of sales: 100 a day, then 110 a day over the last 90 days
        record(id, daily(t0.minusDays(90), 90, "100.00", "early-"));
        record(id, daily(t0, 90, "110.00", "late-"));
        assertEquals("GROWING", stage(id));
        int version = given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().extract().path("version");

        // ten days without a sale: recent 80 x 110 = 8800 against prior 80 x 100 + 10 x 110 = 9100
        LocalDate t10 = t0.plusDays(10);
        Fixtures.today(t10.toString());
        StageReassessment.Summary first = VertxContextSupport.subscribeAndAwait(() -> reassessment.reassessAll(t10));
        assertTrue(first.changed() >= 1, first.toString());
        assertEquals("STALLED", stage(id));

        // thirty days without a sale: 60 x 110 = 6600 against 60 x 100 + 30 x 110 = 9300, down more than 20%
        LocalDate t30 = t0.plusDays(30);
        Fixtures.today(t30.toString());
        VertxContextSupport.subscribeAndAwait(() -> reassessment.reassessAll(t30));
        assertEquals("DECLINING", stage(id));
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("version", equalTo(version + 2));

        // a day later nothing changes: no new version, no new event
        Fixtures.today(t30.plusDays(1).toString());
        VertxContextSupport.subscribeAndAwait(() -> reassessment.reassessAll(t30.plusDays(1)));
        given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().body("version", equalTo(version + 2));

        try (TopicProbe probe = TopicProbe.from(bootstrap, "merchant-events")) {
            List<ConsumerRecord<String, String>> assessed = probe.await(r -> id.toString().equals(r.key())
                    && "MerchantGrowthAssessed".equals(TopicProbe.header(r, "ce_type")), 4, Duration.ofSeconds(30));
            // NEW -> GROWING (write), GROWING -> STALLED (t0 + 10), STALLED -> DECLINING (t0 + 30)
            JsonNode stalled = JSON.readTree(assessed.get(assessed.size() - 2).value());
            JsonNode declining = JSON.readTree(assessed.get(assessed.size() - 1).value());
            assertEquals("STALLED", stalled.get("stage").asText());
            assertEquals("GROWING", stalled.get("previousStage").asText());
            assertEquals(t10.toString(), stalled.get("asOf").asText(), "published as of the day of the reassessment");
            assertEquals("DECLINING", declining.get("stage").asText());
            assertEquals(t30.toString(), declining.get("asOf").asText());
            assertEquals(0, declining.get("recentWindowGmv").decimalValue().compareTo(new java.math.BigDecimal("6600")));
            List<ConsumerRecord<String, String>> all = probe.drain(r -> id.toString().equals(r.key())
                    && "MerchantGrowthAssessed".equals(TopicProbe.header(r, "ce_type")), Duration.ofSeconds(1));
            assertEquals(assessed.size(), all.size(), "the quiet day published nothing");
        }
    }

    @Test
    void newOnlyWithoutAnyGmvBeforeTheTrailingWindow() {
        Fixtures.today("2026-06-30");
        // sold 300 days ago, nothing since: not new, declining
        UUID gone = Fixtures.merchant("Sold Long Ago");
        Fixtures.gmv(gone, "2025-09-03", "5000.00", "long-ago");
        assertEquals("DECLINING", stage(gone));
        // sold 300 days ago, and again now: back and growing, not new
        UUID back = Fixtures.merchant("Came Back");
        Fixtures.gmv(back, "2025-09-03", "5000.00", "long-ago");
        Fixtures.gmv(back, "2026-06-20", "100.00", "now");
        assertEquals("GROWING", stage(back));
        // only sales within the trailing window: new
        UUID fresh = Fixtures.merchant("Fresh Seller");
        Fixtures.gmv(fresh, "2026-06-01", "100.00", "first");
        Fixtures.gmv(fresh, "2026-06-20", "100.00", "second");
        assertEquals("NEW", stage(fresh));
    }

    @Test
    void theDailyRunTakesTodayInUtcAndRunsOncePerDay() throws Throwable {
        assertEquals("Asia/Shanghai", TimeZone.getDefault().getID(), "the test JVM runs far from UTC");
        // 01:30 on 1 December in Shanghai is still 30 November in UTC
        Fixtures.now("2026-11-30T17:30:00Z");
        VertxContextSupport.subscribeAndAwait(() -> reassessment.runToday());
        boolean again = VertxContextSupport.subscribeAndAwait(() -> reassessment.runToday());
        assertFalse(again, "the second trigger of the day skips");
        List<String> periods = pool.preparedQuery("select period from job_run where job = $1 and done_at is not null order by period")
                .execute(Tuple.of(StageReassessment.JOB)).await().indefinitely().stream().map(r -> r.getString(0)).toList();
        assertTrue(periods.contains("2026-11-30"), periods.toString());
        assertFalse(periods.contains("2026-12-01"), periods.toString());
        // the trigger itself is pinned to UTC: its next fire is at minute 15 of an hour in UTC
        var next = scheduler.getScheduledJob(StageReassessment.JOB).getNextFireTime().atZone(ZoneOffset.UTC);
        assertEquals(15, next.getMinute());
    }
}
