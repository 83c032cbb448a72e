package com.livecommerce.session.kpi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.session.Fixtures;
import com.livecommerce.session.Telemetry;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /sessions/{id}/kpis and its Server-Sent Events stream: small exact cases, roles and tenants. */
@QuarkusTest
class KpiEndpointTest {

    @TestHTTPResource("/")
    URL app;

    final UUID merchant = UUID.randomUUID();

    @Test
    void aSmallSessionComesOutExactly() {
        Instant start = Instant.now().minusSeconds(600);
        Fixtures.now(start);
        UUID id = Fixtures.session(merchant, null, null);
        Fixtures.start(id);
        Fixtures.now(start.plusSeconds(600));
        Telemetry.send(id, List.of(
                Telemetry.enter("k1", start.plusSeconds(10), "v1"),
                Telemetry.enter("k2", start.plusSeconds(20), "v2"),
                Telemetry.leave("k3", start.plusSeconds(70), "v1"),        // v1 watched 60 s
                Telemetry.leave("k4", start.plusSeconds(140), "v2"),       // v2 watched 120 s
                Telemetry.enter("k5", start.plusSeconds(20), "v3"),        // still there
                Telemetry.paid("k6", start.plusSeconds(30), "o1", "b1", true, "jacket", "1000.00", "PAID_PROMOTION"),
                Telemetry.paid("k7", start.plusSeconds(40), "o2", "b2", false, "jacket", "500.50", "FAN_BOOST"),
                Telemetry.refund("k8", start.plusSeconds(50), "o2", "100.25"),
                Telemetry.refund("k9", start.plusSeconds(55), "o3", "20.00"),   // before its payment
                Telemetry.paid("k10", start.plusSeconds(60), "o3", "b1", false, "scarf", "80.00", "ORGANIC"),
                Telemetry.paid("k11", start.plusSeconds(61), "o3", "b1", false, "scarf", "80.00", "ORGANIC"), // same order again
                Telemetry.spend("k12", start.plusSeconds(5), "PAID_PROMOTION", "100.00"),
                Telemetry.spend("k13", start.plusSeconds(500), "FAN_BOOST", "50.00"),
                Telemetry.reservation("k14", start.minusSeconds(100), "v9"),
                Telemetry.enter("k1", start.plusSeconds(10), "v1")))           // duplicate eventId
                .statusCode(202).body("accepted", equalTo(15));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.merchant(merchant))
                .get("/sessions/{id}/kpis", id).then().statusCode(200).body("eventsCounted", equalTo(14)));
        given().auth().oauth2(Tokens.viewer()).get("/sessions/{id}/kpis", id).then().statusCode(200)
                .body("status", equalTo("LIVE"))
                .body("closed", equalTo(false))
                .body("gmv", equalTo(1460.25f))                 // 1000 + 400.25 + 60
                .body("orders", equalTo(3))
                .body("buyers", equalTo(2))
                .body("uv", equalTo(3))
                .body("peakConcurrentViewers", equalTo(3))
                // watch: 60 + 120 + (600 - 20) = 760 s over 600 s of airtime; per viewer 253.33 s
                .body("avgConcurrentViewers", equalTo(1.27f))
                .body("avgWatchSeconds", equalTo(253.33f))
                .body("payConversionRate", equalTo(0.6667f))
                .body("uvValue", equalTo(486.75f))
                .body("gmvByChannel.PAID_PROMOTION", equalTo(1000.00f))
                .body("gmvByChannel.FAN_BOOST", equalTo(400.25f))
                .body("gmvByChannel.ORGANIC", equalTo(60.00f))
                .body("spendByChannel.PAID_PROMOTION", equalTo(100.00f))
                .body("roiByChannel.PAID_PROMOTION", equalTo(10.0f))
                .body("roiByChannel.FAN_BOOST", equalTo(8.005f))
                .body("adSpend", equalTo(150.00f))
                .body("roiOverall", equalTo(9.735f))
                .body("reservations", equalTo(1))
                .body("reservationToBuyerRatio", equalTo(2.0f))
                .body("newBuyerShare", equalTo(0.5f))
                .body("gmvTarget", equalTo(2300000.00f))
                .body("gmvTargetAttainment", equalTo(0.0006f))
                .body("gmvLiftVsBaseline", nullValue())
                .body("products.jacket", equalTo(1400.25f))
                .body("products.scarf", equalTo(60.00f))
                .body("topProducts[0].productId", equalTo("jacket"))
                .body("bestsellers.size()", equalTo(0))
                .body("duplicatesIgnored", equalTo(2))
                // pacing: the first 20% of 240 planned minutes is 48 minutes: everything so far
                .body("pacing.adSpendShare", equalTo(1.0f))
                .body("pacing.gmvShare", equalTo(1.0f))
                .body("pacing.adSpendOnPlan", equalTo(true))
                .body("pacing.phase", equalTo("FIRST_20_PERCENT"));
    }

    @Test
    void kpisAreForTheSessionsParticipantsAndThePlatform() {
        UUID provider = UUID.randomUUID(), operator = UUID.randomUUID();
        UUID id = Fixtures.session(merchant, provider, operator);
        for (String token : new String[] {Tokens.admin(), Tokens.viewer(), Tokens.merchant(merchant), Tokens.provider(provider),
                Tokens.operator(provider, operator)}) {
            given().auth().oauth2(token).get("/sessions/{id}/kpis", id).then().statusCode(200)
                    .body("status", equalTo("SCHEDULED")).body("gmv", equalTo(0.0f)).body("uv", equalTo(0))
                    .body("pacing.phase", equalTo("NOT_STARTED"));
        }
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/sessions/{id}/kpis", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.operator(provider, UUID.randomUUID())).get("/sessions/{id}/kpis", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.telemetryWriter()).get("/sessions/{id}/kpis", id).then().spec(Problems.of(403, "forbidden"));
        given().get("/sessions/{id}/kpis", id).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.admin()).get("/sessions/{id}/kpis", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/sessions/{id}/kpis/stream", id).then().statusCode(403);
        given().get("/sessions/{id}/kpis/stream", id).then().statusCode(401);
    }

    @Test
    void theStreamSendsAFreshSnapshotAtLeastOnceASecondWhileLive() throws Exception {
        UUID id = Fixtures.session(merchant, null, null);
        Fixtures.start(id);
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.toString()).resolve("/sessions/" + id + "/kpis/stream"))
                .header("Authorization", "Bearer " + Tokens.merchant(merchant)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        Instant until = Instant.now().plusSeconds(4);
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while (Instant.now().isBefore(until) && (line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(json.readTree(line.substring(5).trim()));
                    if (!sent) {
                        Telemetry.send(id, List.of(Telemetry.enter("sse-" + id, Instant.now(), "v-sse"))).statusCode(202);
                        sent = true;
                    }
                }
            }
        }
        assertTrue(events.size() >= 4, "at least one snapshot a second (every 0.5 s): " + events.size());
        assertEquals(id.toString(), events.get(0).path("sessionId").asText());
        assertEquals("LIVE", events.get(0).path("status").asText());
        assertEquals(1, events.get(events.size() - 1).path("uv").asInt(), "the stream shows the new viewer: " + events.get(events.size() - 1));
    }

    @Test
    void theLiftIsAgainstTheMerchantsEarlierEndedSessions() {
        UUID m = UUID.randomUUID();
        Instant first = Instant.parse("2021-11-20T11:00:00Z");
        Fixtures.now(first);
        UUID earlier = Fixtures.session(m, null, null);
        Fixtures.start(earlier);
        Fixtures.now(first.plusSeconds(3600));
        Telemetry.send(earlier, List.of(Telemetry.paid("b1-" + earlier, first.plusSeconds(60), "o1", "b1", true, "p", "776000.00", "ORGANIC")))
                .statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/sessions/{id}/kpis", earlier).then().body("orders", equalTo(1)));
        Fixtures.end(earlier);
        Fixtures.now(first.plusSeconds(3600 + 360));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/sessions/{id}/kpis", earlier).then().body("closed", equalTo(true)).body("gmvLiftVsBaseline", nullValue()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.admin()).get("/sessions/{id}", earlier)
                .then().body("finalizedAt", org.hamcrest.Matchers.notNullValue()));

        // Session B: GMV 196% above the merchant's baseline
        Instant second = Instant.parse("2021-11-22T11:00:00Z");
        Fixtures.now(second);
        UUID later = Fixtures.session(m, null, null);
        Fixtures.start(later);
        Fixtures.now(second.plusSeconds(600));
        Telemetry.send(later, List.of(Telemetry.paid("b2-" + later, second.plusSeconds(60), "o1", "b1", false, "p", "2296960.00", "PAID_PROMOTION")))
                .statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/sessions/{id}/kpis", later).then().body("orders", equalTo(1))
                .body("baselineGmv", equalTo(776000.00f))
                .body("gmvLiftVsBaseline", equalTo(1.96f))
                .body("gmvTargetAttainment", equalTo(0.9987f)));
    }
}
