package com.livecommerce.session.kpi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.session.Fixtures;
import com.livecommerce.session.Telemetry;
import com.livecommerce.testsupport.Tokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntConsumer;

/** Plays a {@link SessionAFixture} through the HTTP API and checks the KPIs against its independent figures. */
final class FixtureRun {

    static final ObjectMapper JSON = new ObjectMapper();

    private FixtureRun() {
    }

    /** Schedules a session for the fixture (admin), at the fixture's start. */
    static UUID schedule(SessionAFixture f, UUID merchant) {
        return schedule(f, merchant, 1);
    }

    /** The same, its telemetry spread over {@code subKeys} sub-keys. */
    static UUID schedule(SessionAFixture f, UUID merchant, int subKeys) {
        Fixtures.now(f.start);
        String body = Fixtures.body(merchant, null, null, f.plannedMinutes, "200000.00", "12000.00", "4000.00");
        return Fixtures.session(body.substring(0, body.lastIndexOf('}')) + ", \"telemetrySubKeys\": " + subKeys + "}");
    }

    /**
     * Starts the session, sends every line in batches (out of order) with {@code afterBatch} called after each,
     * sends two batches again, one line again alone and two lines of earlier batches inside another one (duplicates), ends it, sends the last lines late (3 minutes after the end: accepted)
     * and one more too late, then waits for the final KPIs. Returns them.
     */
    static JsonNode play(SessionAFixture f, UUID session, int batchSize, IntConsumer afterBatch) {
        Fixtures.now(f.start);
        Fixtures.start(session);
        Fixtures.now(f.end);
        List<String> onTime = f.lines.subList(0, f.lines.size() - 300);
        List<String> late = f.lines.subList(f.lines.size() - 300, f.lines.size());
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < onTime.size(); i += batchSize) {
            batches.add(onTime.subList(i, Math.min(onTime.size(), i + batchSize)));
        }
        for (int i = 0; i < batches.size(); i++) {
            Telemetry.send(session, batches.get(i)).statusCode(202).body("accepted", equalTo(batches.get(i).size()))
                    .body("rejected", equalTo(0));
            afterBatch.accept(i);
        }
        Telemetry.send(session, batches.get(0)).statusCode(202);                     // a writer retrying: duplicates
        Telemetry.send(session, batches.get(batches.size() - 1)).statusCode(202);
        Telemetry.send(session, List.of(batches.get(0).get(1))).statusCode(202);    // one line again, alone
        Telemetry.send(session, List.of(batches.get(1).get(0), batches.get(batches.size() - 1).get(0))) // inside another batch
                .statusCode(202).body("accepted", equalTo(2));
        Fixtures.end(session);
        Fixtures.now(f.end.plusSeconds(180));
        Telemetry.send(session, late).statusCode(202).body("accepted", equalTo(late.size()));
        Fixtures.now(f.end.plusSeconds(360));
        Telemetry.send(session, List.of(late.get(0))).statusCode(202).body("accepted", equalTo(0))
                .body("rejectedLines[0].reason", startsWith("too late"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.admin()).get("/sessions/{id}/kpis", session).then().statusCode(200).body("closed", equalTo(true)));
        return kpis(session);
    }

    static JsonNode kpis(UUID session) {
        try {
            return JSON.readTree(given().auth().oauth2(Tokens.admin()).get("/sessions/{id}/kpis", session).then().statusCode(200)
                    .extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertDecimal(BigDecimal expected, JsonNode actual, String field) {
        if (expected == null) {
            assertEquals(true, actual == null || actual.isNull(), field + " is null: " + actual);
            return;
        }
        assertNotNull(actual, field);
        assertEquals(0, expected.compareTo(actual.decimalValue()), field + ": expected " + expected + " but was " + actual);
    }

    /** Every KPI of the contract against the fixture's own computation. */
    static void assertExact(SessionAFixture f, JsonNode k, BigDecimal bestsellerThreshold, long duplicates) {
        SessionAFixture.Expected e = f.expected;
        assertDecimal(e.gmv(), k.get("gmv"), "gmv");
        assertEquals(e.orders(), k.get("orders").asLong(), "orders");
        assertEquals(e.buyers(), k.get("buyers").asLong(), "buyers");
        assertEquals(e.uv(), k.get("uv").asLong(), "uv");
        assertEquals(e.reservations(), k.get("reservations").asLong(), "reservations");
        assertEquals(e.peak(), k.get("peakConcurrentViewers").asLong(), "peakConcurrentViewers");
        assertDecimal(e.avgConcurrent(), k.get("avgConcurrentViewers"), "avgConcurrentViewers");
        assertDecimal(e.avgWatchSeconds(), k.get("avgWatchSeconds"), "avgWatchSeconds");
        assertDecimal(SessionAFixture.Expected.ratio(e.buyers(), e.uv()), k.get("payConversionRate"), "payConversionRate");
        assertDecimal(e.uvValue(), k.get("uvValue"), "uvValue");
        for (var c : e.gmvByChannelFen().entrySet()) {
            assertDecimal(BigDecimal.valueOf(c.getValue(), 2), k.get("gmvByChannel").get(c.getKey()), "gmvByChannel." + c.getKey());
        }
        for (var c : e.spendByChannelFen().entrySet()) {
            assertDecimal(BigDecimal.valueOf(c.getValue(), 2), k.get("spendByChannel").get(c.getKey()), "spendByChannel." + c.getKey());
            assertDecimal(SessionAFixture.Expected.ratio(e.gmvByChannelFen().get(c.getKey()), c.getValue()),
                    k.get("roiByChannel").get(c.getKey()), "roiByChannel." + c.getKey());
        }
        assertDecimal(BigDecimal.valueOf(e.spendFen(), 2), k.get("adSpend"), "adSpend");
        assertDecimal(SessionAFixture.Expected.ratio(e.gmvFen(), e.spendFen()), k.get("roiOverall"), "roiOverall");
        assertDecimal(SessionAFixture.Expected.ratio(e.buyers(), e.reservations()), k.get("reservationToBuyerRatio"), "reservationToBuyerRatio");
        assertDecimal(SessionAFixture.Expected.ratio(e.newBuyers(), e.buyers()), k.get("newBuyerShare"), "newBuyerShare");
        Map<String, BigDecimal> products = new TreeMap<>();
        k.get("products").fields().forEachRemaining(p -> products.put(p.getKey(), p.getValue().decimalValue()));
        Map<String, BigDecimal> expectedProducts = new TreeMap<>();
        e.productsFen().forEach((p, fen) -> expectedProducts.put(p, BigDecimal.valueOf(fen, 2)));
        assertEquals(expectedProducts.keySet(), products.keySet(), "products");
        expectedProducts.forEach((p, gmv) -> assertEquals(0, gmv.compareTo(products.get(p)), "product " + p));
        List<String> ranked = expectedProducts.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<String> top = new ArrayList<>();
        k.get("topProducts").forEach(p -> top.add(p.get("productId").asText()));
        assertEquals(ranked.subList(0, 3), top, "topProducts");
        List<String> bestsellers = new ArrayList<>();
        k.get("bestsellers").forEach(p -> bestsellers.add(p.get("productId").asText()));
        assertEquals(ranked.stream().filter(p -> expectedProducts.get(p).compareTo(bestsellerThreshold) >= 0).toList(), bestsellers,
                "bestsellers");
        JsonNode pacing = k.get("pacing");
        assertDecimal(BigDecimal.valueOf(e.windowSpendFen(), 2), pacing.get("adSpendInWindow"), "pacing.adSpendInWindow");
        assertDecimal(BigDecimal.valueOf(e.windowGmvFen(), 2), pacing.get("gmvInWindow"), "pacing.gmvInWindow");
        assertDecimal(SessionAFixture.Expected.ratio(e.windowSpendFen(), e.spendFen()), pacing.get("adSpendShare"), "pacing.adSpendShare");
        assertDecimal(SessionAFixture.Expected.ratio(e.windowGmvFen(), e.gmvFen()), pacing.get("gmvShare"), "pacing.gmvShare");
        assertEquals(e.events(), k.get("eventsCounted").asLong(), "eventsCounted");
        assertEquals(duplicates, k.get("duplicatesIgnored").asLong(), "duplicatesIgnored");
    }

    static long duplicatesOf(SessionAFixture f, int batchSize) {
        int onTime = f.lines.size() - 300;
        int lastBatch = onTime % batchSize == 0 ? batchSize : onTime % batchSize;
        return Math.min(batchSize, onTime) + lastBatch + 3 + 1; // two batches again, three lines again, and o-0 paid twice
    }

    static Comparator<String> unused() {
        return Comparator.naturalOrder();
    }
}
