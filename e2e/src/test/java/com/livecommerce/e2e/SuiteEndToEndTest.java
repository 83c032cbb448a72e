package com.livecommerce.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite end to end: the four services as separate processes (their packaged jars) against a real Kafka broker,
 * a real Keycloak (realm livecommerce) and PostgreSQL, driven only through their public HTTP APIs with real Keycloak
 * tokens: ops (platform-admin), the demo merchants and providers (their merchant_id / provider_id set through
 * Keycloak's admin API to what this test created), telemetry-feeder (client credentials).
 * <ol>
 * <li>{@link #crossServiceStory()}: SessionEnded reaches the merchant ledger; growth marks the merchant stalled; matching's
 * read model sees it; a STALLED campaign proposes an engagement; acceptance holds the provider's capacity; the provider
 * reads the merchant's data (merchant-service and session-service) only while the engagement is ACTIVE; completion
 * credits the provider's track record and tier, and matching learns the tier.</li>
 * <li>{@link #aMerchantReadsOnlyItsOwnData()}: another merchant's sessions, recommendations, ledger, engagements: 403.</li>
 * <li>{@link #expiredForeignAndUnsignedTokensGet401OnEveryService()}.</li>
 * </ol>
 */
@ExtendWith(SuiteExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteEndToEndTest {

    static final String NDJSON = "application/x-ndjson";
    static final String EARLIER = "2021H1";
    static final String LATER = "2021H2";

    static Suite suite;
    static Keycloak keycloak;
    static String ops;
    static String mBelt;
    static String mBrand;
    static String pBelt;
    static String pMcn;
    static String feeder;
    /** A token of {@link Keycloak#SHORT_LIVED_CLIENT}, checked to work when minted; expired when the 401 test uses it. */
    static String expiring;
    static long expiringExp;

    /** The stalled merchant (industrial belt, kidswear, Zhili) and a growing one (a brand). */
    static String m1;
    static String m2;
    /** The provider that fits m1 (industrial belt, capacity 1) and an MCN. */
    static String p1;
    static String p2;

    @BeforeAll
    static void setUp() throws Exception {
        long t0 = System.nanoTime();
        suite = SuiteExtension.suite();
        keycloak = new Keycloak(suite);
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs(NDJSON, ContentType.TEXT).defaultCharsetForContentType("UTF-8", NDJSON));
        ops = keycloak.token("ops");

        keycloak.ensureShortLivedClient();
        expiring = keycloak.shortLivedToken("ops");
        expiringExp = Long.parseLong(Jwts.claims(expiring).replaceAll(".*\"exp\":(\\d+).*", "$1"));
        call(expiring).get(suite.url("merchant") + "/merchants?size=1").then().statusCode(200);

        // merchants, with their 2021 ledger: m1 sells less in H2 than in H1, m2 more
        m1 = created(call(ops).body("""
                {"name": "E2E Zhili Kidswear Factory", "kind": "INDUSTRIAL_BELT", "category": "kidswear", "region": "Zhili, Huzhou",
                 "followers": 120000, "trustRights": true}""").post(suite.url("merchant") + "/merchants"));
        m2 = created(call(ops).body("""
                {"name": "E2E Down Jacket Brand", "kind": "BRAND", "category": "apparel", "region": "Hangzhou",
                 "followers": 8000000, "trustRights": true}""").post(suite.url("merchant") + "/merchants"));
        // m1 also sold 1,000,000 some 120 days ago (the 90 days before the trailing window) and nothing since: DECLINING today
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        gmv(m1, """
                [{"date": "2021-03-15", "gmv": 5000000.00, "orders": 50000, "sourceId": "e2e-2021h1"},
                 {"date": "2021-09-15", "gmv": 4000000.00, "orders": 41000, "sourceId": "e2e-2021h2"},
                 {"date": "%s", "gmv": 1000000.00, "orders": 9000, "sourceId": "e2e-prior-window"}]""".formatted(today.minusDays(120)))
                .body("recorded", equalTo(3)).body("stage", equalTo("DECLINING"));
        gmv(m2, """
                [{"date": "2021-03-15", "gmv": 1000000.00, "orders": 9000, "sourceId": "e2e-2021h1"},
                 {"date": "2021-09-15", "gmv": 3000000.00, "orders": 30000, "sourceId": "e2e-2021h2"}]""")
                .body("recorded", equalTo(2));

        // providers through strict admission, with operators certified by platform-admin
        p1 = provider("""
                {"name": "E2E Zhili Belt Services", "type": "INDUSTRIAL_BELT", "categories": ["kidswear"], "regions": ["Zhili, Huzhou"],
                 "capabilities": ["PRODUCT_SELECTION", "SKU_MANAGEMENT", "LIVE_OPERATIONS"], "capacity": 1,
                 "declaredServedGmv": 20000000.00}""", 2);
        p2 = provider("""
                {"name": "E2E Hangzhou MCN", "type": "MCN", "categories": ["apparel"], "regions": ["Hangzhou"],
                 "capabilities": ["CONTENT", "AD_OPTIMIZATION"], "capacity": 5, "declaredServedGmv": 50000000.00}""", 3);

        // the demo users act as what this test created (admin-managed attributes), then fresh tokens carry the claims
        keycloak.setClaim("m-belt", "merchant_id", m1);
        keycloak.setClaim("m-brand", "merchant_id", m2);
        keycloak.setClaim("p-belt", "provider_id", p1);
        keycloak.setClaim("p-mcn", "provider_id", p2);
        mBelt = keycloak.token("m-belt");
        mBrand = keycloak.token("m-brand");
        pBelt = keycloak.token("p-belt");
        pMcn = keycloak.token("p-mcn");
        feeder = keycloak.telemetryToken();
        assertTrue(Jwts.claims(mBelt).contains("\"merchant_id\":\"" + m1 + "\""), Jwts.claims(mBelt));
        assertTrue(Jwts.claims(pBelt).contains("\"provider_id\":\"" + p1 + "\""), Jwts.claims(pBelt));

        // the merchant asks for help (its own token): the needs the campaign scopes the engagement with
        call(mBelt).body("""
                {"needs": ["PRODUCT_SELECTION", "SKU_MANAGEMENT", "LIVE_OPERATIONS"], "monthlyBudget": 200000.00,
                 "gmvTarget": 5000000.00, "notes": "e2e: H2 fell behind H1"}""")
                .post(suite.url("merchant") + "/merchants/{id}/service-requests", m1).then().statusCode(201);
        Suite.log("set up: merchants m1=%s m2=%s, providers p1=%s p2=%s (%d s)", m1, m2, p1, p2, (System.nanoTime() - t0) / 1_000_000_000L);
    }

    @Test
    @Order(1)
    void crossServiceStory() {
        String merchant = suite.url("merchant"), provider = suite.url("provider"), session = suite.url("session"),
                matching = suite.url("matching");
        storyStart = System.nanoTime();

        step("matching knows the merchants and the admitted providers from their events");
        JsonPath before = await("matching's read model of m1 with its 3 ledger entries, DECLINING",
                () -> call(ops).get(matching + "/read-models/merchants/{id}", m1),
                r -> r.statusCode() == 200 && r.jsonPath().getInt("ledgerEntries") == 3
                        && "DECLINING".equals(r.jsonPath().getString("stage"))
                        && r.jsonPath().getList("needs").size() == 3).jsonPath();
        assertEquals("INDUSTRIAL_BELT", before.getString("kind"));
        for (String p : List.of(p1, p2)) {
            await("matching's read model of provider " + p + " in good standing",
                    () -> call(ops).get(matching + "/read-models/providers/{id}", p),
                    r -> r.statusCode() == 200 && r.jsonPath().getBoolean("inGoodStanding"));
        }

        step("a live session of m1 (the merchant's own token), telemetry from telemetry-feeder, KPIs");
        String sessionId = created(call(mBelt).body("""
                {"merchantId": "%s", "title": "E2E kidswear clearance", "scheduledStart": "%s", "plannedMinutes": 60,
                 "gmvTarget": 800000.00, "adBudget": {"PAID_PROMOTION": 50000.00, "FAN_BOOST": 20000.00}}"""
                .formatted(m1, Instant.now().plusSeconds(60))).post(session + "/sessions"));
        JsonPath live = call(mBelt).post(session + "/sessions/{id}/start", sessionId).then().statusCode(200)
                .body("status", equalTo("LIVE")).extract().jsonPath();
        Instant startedAt = OffsetDateTime.parse(live.getString("startedAt")).toInstant();
        LocalDate sessionDay = startedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        String sessionDate = sessionDay.toString();
        Instant t = startedAt.plusMillis(200);
        String telemetry = String.join("\n",
                enter("e2e-1", t, "v1"), enter("e2e-2", t, "v2"), enter("e2e-3", t.plusMillis(10), "v3"),
                "{\"type\":\"AD_SPEND\",\"eventId\":\"e2e-4\",\"time\":\"%s\",\"channel\":\"PAID_PROMOTION\",\"amount\":30000.00}".formatted(t),
                paid("e2e-5", t.plusMillis(20), "o1", "v1", "300000.00", "PAID_PROMOTION"),
                paid("e2e-6", t.plusMillis(30), "o2", "v2", "350000.00", "FAN_BOOST"),
                paid("e2e-7", t.plusMillis(40), "o3", "v3", "250000.00", "ORGANIC"),
                paid("e2e-7", t.plusMillis(40), "o3", "v3", "250000.00", "ORGANIC")) + "\n"; // a resent line counts once
        given().auth().oauth2(feeder).contentType(NDJSON).body(telemetry).post(session + "/sessions/{id}/telemetry", sessionId)
                .then().statusCode(202).body("rejected", equalTo(0));
        // the KPI aggregation (Kafka Streams) may still be starting on a loaded machine: a longer wait
        await("the session's streaming KPIs: GMV 900,000.00 from 3 orders", Duration.ofSeconds(120),
                () -> call(mBelt).get(session + "/sessions/{id}/kpis", sessionId),
                r -> r.statusCode() == 200 && new BigDecimal("900000.00").compareTo(orZero(r.jsonPath(), "gmv")) == 0
                        && r.jsonPath().getInt("orders") == 3);
        call(mBelt).post(session + "/sessions/{id}/end", sessionId).then().statusCode(200).body("status", equalTo("ENDED"));

        step("SessionEnded reaches the merchant's GMV ledger (session-service -> session-events -> merchant-service)");
        JsonPath day = await("m1's ledger on the session's day: the session's GMV",
                () -> call(mBelt).get(merchant + "/merchants/{id}/gmv?from={d}&to={d}", m1, sessionDate, sessionDate),
                r -> r.statusCode() == 200 && orZero(r.jsonPath(), "totalGmv").signum() > 0).jsonPath();
        assertMoney("900000.00", day, "totalGmv");
        assertEquals(3, day.getInt("totalOrders"));

        step("growth marks m1 stalled (2021H2 <= 2021H1; stage as of today: STALLED, from DECLINING by the session's GMV)");
        JsonPath growth = call(mBelt).get(merchant + "/merchants/{id}/growth?earlier={e}&later={l}", m1, EARLIER, LATER)
                .then().statusCode(200).body("stalled", equalTo(true)).body("active", equalTo(true)).extract().jsonPath();
        assertMoney("5000000.00", growth, "earlierGmv");
        assertMoney("4000000.00", growth, "laterGmv");
        assertMoney("-0.2", growth, "growthRate");
        call(mBrand).get(merchant + "/merchants/{id}/growth?earlier={e}&later={l}", m2, EARLIER, LATER)
                .then().statusCode(200).body("stalled", equalTo(false));
        JsonPath stalled = call(ops).get(merchant + "/merchants/stalled?earlier={e}&later={l}", EARLIER, LATER)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, stalled.getInt("total"), stalled.prettify());
        assertEquals(2, stalled.getInt("activeMerchants"), stalled.prettify());
        assertEquals(m1, stalled.getString("items[0].merchantId"));
        assertMoney("0.5", stalled, "stalledShare");
        call(mBelt).get(merchant + "/merchants/{id}", m1).then().statusCode(200).body("stage", equalTo("STALLED"));

        step("matching's read model sees it (merchant-events: MerchantGmvRecorded, MerchantGrowthAssessed)");
        JsonPath seen = await("matching's read model of m1: STALLED, 4 ledger entries",
                () -> call(ops).get(matching + "/read-models/merchants/{id}", m1),
                r -> r.statusCode() == 200 && "STALLED".equals(r.jsonPath().getString("stage"))
                        && r.jsonPath().getInt("ledgerEntries") == 4).jsonPath();
        assertMoney("10900000.00", seen, "ledgerGmv");
        assertEquals(sessionDay.toString(), seen.getString("lastLedgerDate"));
        JsonPath insights = call(ops).get(matching + "/insights/ecosystem?earlier={e}&later={l}", EARLIER, LATER)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, insights.getInt("activeMerchants"), insights.prettify());
        assertEquals(1, insights.getInt("stalledMerchants"), insights.prettify());

        step("a campaign over the merchants stalled between 2021H1 and 2021H2 proposes an engagement");
        Response started = call(ops).body("""
                {"cohort": "STALLED", "earlier": "%s", "later": "%s", "term": 3, "commissionBps": 800}""".formatted(EARLIER, LATER))
                .post(matching + "/campaigns");
        assertTrue(started.statusCode() == 201 || started.statusCode() == 202, started.asString());
        String campaignId = started.jsonPath().getString("id");
        assertTrue(started.header("Location").endsWith("/campaigns/" + campaignId), started.header("Location"));
        JsonPath campaign = await("the campaign done", () -> call(ops).get(matching + "/campaigns/{id}", campaignId),
                r -> r.statusCode() == 200 && !"RUNNING".equals(r.jsonPath().getString("status"))).jsonPath();
        assertEquals("COMPLETED", campaign.getString("status"), campaign.prettify());
        assertEquals(1, campaign.getInt("cohortSize"), campaign.prettify());
        assertEquals(List.of(m1), campaign.getList("assignments.merchantId"), campaign.prettify());
        assertEquals(List.of(p1), campaign.getList("assignments.providerId"), "the provider that fits m1 best: " + campaign.prettify());
        String engagementId = campaign.getString("assignments[0].engagementId");
        assertNotNull(engagementId, campaign.prettify());
        JsonPath proposed = call(mBelt).get(matching + "/engagements/{id}", engagementId).then().statusCode(200)
                .body("status", equalTo("PROPOSED")).body("campaignId", equalTo(campaignId)).body("providerId", equalTo(p1))
                .body("term", equalTo(3)).body("commissionBps", equalTo(800)).extract().jsonPath();
        assertFalse(proposed.getList("needs").isEmpty(), proposed.prettify());
        call(pBelt).get(matching + "/engagements/{id}", engagementId).then().statusCode(200);
        assertProviderCannotRead(pBelt, m1, sessionId, "while the engagement is only PROPOSED");
        JsonPath recommended = call(mBrand).get(matching + "/merchants/{id}/recommendations?limit=10", m2).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, recommended.getInt("items.findAll { it.providerId == '" + p1 + "' }.size()"),
                "a proposal holds no capacity: p1 is still recommended to m2: " + recommended.prettify());

        step("acceptance holds capacity");
        call(mBelt).post(matching + "/engagements/{id}/accept", engagementId).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        await("p1's capacity held (1 of 1)", () -> call(ops).get(matching + "/read-models/providers/{id}", p1),
                r -> r.statusCode() == 200 && r.jsonPath().getInt("held") == 1 && r.jsonPath().getInt("remainingCapacity") == 0);
        recommended = call(mBrand).get(matching + "/merchants/{id}/recommendations?limit=10", m2).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0, recommended.getInt("items.findAll { it.providerId == '" + p1 + "' }.size()"),
                "p1 has no capacity left, so it is not recommended: " + recommended.prettify());
        assertEquals(List.of(p2), recommended.getList("items.providerId"), recommended.prettify());
        String second = created(call(ops).body("""
                {"merchantId": "%s", "providerId": "%s", "needs": ["LIVE_OPERATIONS"], "commissionBps": 500}""".formatted(m2, p1))
                .post(matching + "/engagements"));
        call(mBrand).post(matching + "/engagements/{id}/accept", second).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        call(mBrand).body("{\"reason\": \"e2e: p1 is full\"}").post(matching + "/engagements/{id}/terminate", second)
                .then().statusCode(200).body("status", equalTo("TERMINATED"));
        assertProviderCannotRead(pBelt, m1, sessionId, "while the engagement is ACCEPTED, not yet ACTIVE");

        step("the provider reads the merchant's data only while the engagement is ACTIVE (engagement-events -> access grants)");
        JsonPath active = call(pBelt).post(matching + "/engagements/{id}/activate", engagementId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).extract().jsonPath();
        LocalDate activationDay = OffsetDateTime.parse(active.getString("activatedAt")).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        await("p1 reads m1 (merchant-service)", () -> call(pBelt).get(merchant + "/merchants/{id}", m1), r -> r.statusCode() == 200);
        call(pBelt).get(merchant + "/merchants/{id}/growth?earlier={e}&later={l}", m1, EARLIER, LATER).then().statusCode(200);
        call(pBelt).get(merchant + "/merchants/{id}/gmv?from={d}&to={d}", m1, sessionDate, sessionDate).then().statusCode(200);
        await("p1 reads m1's session (session-service)", () -> call(pBelt).get(session + "/sessions/{id}", sessionId),
                r -> r.statusCode() == 200);
        call(pBelt).get(session + "/sessions?merchantId={m}", m1).then().statusCode(200).body("items.id", hasItem(sessionId));
        call(pBelt).get(session + "/sessions/{id}/kpis", sessionId).then().statusCode(200);
        assertProviderCannotRead(pMcn, m1, sessionId, "p2 has no engagement with m1 while p1's is ACTIVE");

        step("completion credits the provider's track record and tier (engagement-events -> provider-service -> provider-events -> matching)");
        // the merchant sells 150,000,000 while the engagement runs (the ledger, not either party, is what counts)
        gmv(m1, """
                [{"date": "%s", "gmv": 150000000.00, "orders": 1200000, "sourceId": "e2e-during-engagement"}]""".formatted(activationDay))
                .body("recorded", equalTo(1));
        await("matching received the 5th ledger entry", () -> call(ops).get(matching + "/read-models/merchants/{id}", m1),
                r -> r.statusCode() == 200 && r.jsonPath().getInt("ledgerEntries") == 5);
        JsonPath completed = call(mBelt).body("{\"rating\": {\"results\": 5, \"communication\": 4, \"professionalism\": 5}}")
                .post(matching + "/engagements/{id}/complete", engagementId).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).extract().jsonPath();
        BigDecimal during = new BigDecimal("150000000.00").add(sessionDay.equals(activationDay) ? new BigDecimal("900000.00") : BigDecimal.ZERO);
        assertEquals(0, during.compareTo(money(completed, "outcome.gmvDuring")), completed.prettify());
        boolean leap = completed.getBoolean("outcome.leap");
        JsonPath credited = await("p1's track record: served GMV and tier HUNDRED_MILLION",
                () -> call(pBelt).get(provider + "/providers/{id}", p1),
                r -> r.statusCode() == 200 && "HUNDRED_MILLION".equals(r.jsonPath().getString("tier"))).jsonPath();
        assertEquals(0, during.compareTo(money(credited, "servedGmv12m")), credited.prettify());
        assertEquals(leap ? 1 : 0, credited.getInt("merchantsLeapt"), credited.prettify());
        call(pMcn).get(provider + "/providers/{id}", p2).then().statusCode(200).body("tier", equalTo("NONE"));
        JsonPath windmaker = call(ops).get(provider + "/programs/windmaker").then().statusCode(200).extract().jsonPath();
        assertEquals(1, windmaker.getInt("tiers.find { it.level == 'HUNDRED_MILLION' }.providers"), windmaker.prettify());
        assertEquals(0, windmaker.getInt("tiers.find { it.level == 'BILLION' }.providers"), windmaker.prettify());
        JsonPath known = await("matching learns p1's tier (ProviderTierChanged) and the capacity comes back",
                () -> call(ops).get(matching + "/read-models/providers/{id}", p1),
                r -> r.statusCode() == 200 && "HUNDRED_MILLION".equals(r.jsonPath().getString("tier"))
                        && r.jsonPath().getInt("held") == 0).jsonPath();
        assertEquals(1, known.getInt("remainingCapacity"), known.prettify());
        assertEquals(0, during.compareTo(money(known, "servedGmv12m")), known.prettify());

        step("after completion the provider no longer reads the merchant's data");
        await("p1 refused m1 again (merchant-service)", () -> call(pBelt).get(merchant + "/merchants/{id}", m1), r -> r.statusCode() == 403);
        await("p1 refused m1's session again (session-service)", () -> call(pBelt).get(session + "/sessions/{id}", sessionId),
                r -> r.statusCode() == 403);
        assertProviderCannotRead(pBelt, m1, sessionId, "after the engagement COMPLETED");
    }

    @Test
    @Order(2)
    void aMerchantReadsOnlyItsOwnData() {
        String merchant = suite.url("merchant"), session = suite.url("session"), matching = suite.url("matching");
        String sessionId = created(call(mBelt).body("""
                {"merchantId": "%s", "title": "E2E tenancy", "scheduledStart": "%s", "plannedMinutes": 30,
                 "gmvTarget": 1000.00, "adBudget": {"PAID_PROMOTION": 0, "FAN_BOOST": 0}}"""
                .formatted(m1, Instant.now().plusSeconds(3600))).post(session + "/sessions"));
        // the merchant itself reads them
        call(mBelt).get(session + "/sessions/{id}", sessionId).then().statusCode(200);
        call(mBelt).get(session + "/sessions?merchantId={m}", m1).then().statusCode(200).body("items.id", hasItem(sessionId));
        call(mBelt).get(matching + "/merchants/{id}/recommendations", m1).then().statusCode(200);
        call(mBelt).get(merchant + "/merchants/{id}", m1).then().statusCode(200);
        // another merchant does not
        call(mBrand).get(session + "/sessions/{id}", sessionId).then().statusCode(403);
        call(mBrand).get(session + "/sessions?merchantId={m}", m1).then().statusCode(403);
        call(mBrand).get(session + "/sessions/{id}/kpis", sessionId).then().statusCode(403);
        call(mBrand).get(matching + "/merchants/{id}/recommendations", m1).then().statusCode(403);
        call(mBelt).get(matching + "/merchants/{id}/recommendations", m2).then().statusCode(403);
        call(mBrand).get(merchant + "/merchants/{id}", m1).then().statusCode(403);
        call(mBrand).get(merchant + "/merchants/{id}/gmv", m1).then().statusCode(403);
        call(mBrand).get(merchant + "/merchants/{id}/growth?earlier={e}&later={l}", m1, EARLIER, LATER).then().statusCode(403);
        call(mBrand).get(matching + "/engagements?merchantId={m}", m1).then().statusCode(403);
        // nor does a merchant schedule a session for another
        call(mBrand).body("""
                {"merchantId": "%s", "title": "not mine", "scheduledStart": "%s", "plannedMinutes": 30,
                 "gmvTarget": 1000.00, "adBudget": {"PAID_PROMOTION": 0, "FAN_BOOST": 0}}"""
                .formatted(m1, Instant.now().plusSeconds(3600))).post(session + "/sessions").then().statusCode(403);
    }

    @Test
    @Order(3)
    void expiredForeignAndUnsignedTokensGet401OnEveryService() throws Exception {
        // an endpoint of each service that ops' token opens
        Map<String, String> endpoints = Map.of("merchant", "/merchants?size=1", "provider", "/providers?size=1",
                "session", "/sessions?size=1", "matching", "/engagements?size=1");
        String fresh = keycloak.token("ops");
        long wait = expiringExp + 2 - Instant.now().getEpochSecond();
        if (wait > 0) {
            Thread.sleep(wait * 1000);
        }
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("expired (Keycloak, realm livecommerce, lifespan " + Keycloak.SHORT_LIFESPAN_SECONDS + " s)", expiring);
        refused.put("another issuer (Keycloak's master realm)", keycloak.masterToken());
        refused.put("another issuer (signed with a key of its own)", Jwts.otherIssuer("https://elsewhere.invalid/realms/livecommerce"));
        refused.put("unsigned (alg none, ops' valid claims)", Jwts.unsigned(fresh));
        List<String> wrong = new ArrayList<>();
        for (String service : Suite.SERVICES) {
            String url = suite.url(service) + endpoints.get(service);
            call(fresh).get(url).then().statusCode(200);
            for (Map.Entry<String, String> token : refused.entrySet()) {
                int status = call(token.getValue()).get(url).statusCode();
                if (status != 401) {
                    wrong.add(service + "-service answered " + status + " to a token " + token.getKey());
                }
            }
            int anonymous = given().get(url).statusCode();
            if (anonymous != 401) {
                wrong.add(service + "-service answered " + anonymous + " without a token");
            }
        }
        assertEquals(List.of(), wrong);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A provider without an ACTIVE engagement with the merchant: its data in merchant-service and session-service is refused. */
    private static void assertProviderCannotRead(String providerToken, String merchantId, String sessionId, String when) {
        String merchant = suite.url("merchant"), session = suite.url("session");
        List<String> answered = new ArrayList<>();
        for (String path : List.of("/merchants/" + merchantId, "/merchants/" + merchantId + "/gmv",
                "/merchants/" + merchantId + "/growth?earlier=2021H1&later=2021H2", "/merchants/" + merchantId + "/service-requests")) {
            int status = call(providerToken).get(merchant + path).statusCode();
            if (status != 403) {
                answered.add("GET " + path + ": " + status);
            }
        }
        for (String path : List.of("/sessions/" + sessionId, "/sessions/" + sessionId + "/kpis")) {
            int status = call(providerToken).get(session + path).statusCode();
            if (status != 403) {
                answered.add("GET " + path + ": " + status);
            }
        }
        List<Object> listed = call(providerToken).get(session + "/sessions?merchantId={m}", merchantId).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        if (listed.contains(sessionId)) {
            answered.add("GET /sessions?merchantId= lists the merchant's session");
        }
        assertEquals(List.of(), answered, "a provider reads a merchant's data only during an ACTIVE engagement (" + when + ")");
    }

    static RequestSpecification call(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** The id of a created resource (201). */
    static String created(Response response) {
        response.then().statusCode(201);
        return response.jsonPath().getString("id");
    }

    static io.restassured.response.ValidatableResponse gmv(String merchantId, String entries) {
        return call(ops).body(entries).post(suite.url("merchant") + "/merchants/{id}/gmv", merchantId).then().statusCode(200);
    }

    static String provider(String application, int certifiedOperators) {
        String url = suite.url("provider");
        String id = created(call(ops).body(application).post(url + "/providers"));
        for (int i = 0; i < certifiedOperators; i++) {
            call(ops).body("""
                    {"name": "E2E operator %d", "specialties": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "certified": true,
                     "evidence": "e2e: platform operator exam passed"}""".formatted(i + 1))
                    .post(url + "/providers/{id}/operators", id).then().statusCode(201);
        }
        call(ops).post(url + "/providers/{id}/review", id).then().statusCode(200).body("status", equalTo("ADMITTED"));
        return id;
    }

    static BigDecimal money(JsonPath json, String path) {
        Object value = json.get(path);
        assertNotNull(value, path + " in " + json.prettify());
        return new BigDecimal(value.toString());
    }

    static BigDecimal orZero(JsonPath json, String path) {
        Object value = json.get(path);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    static void assertMoney(String expected, JsonPath json, String path) {
        assertEquals(0, new BigDecimal(expected).compareTo(money(json, path)), path + " in " + json.prettify());
    }

    static String enter(String eventId, Instant time, String viewer) {
        return "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"%s\",\"time\":\"%s\",\"viewerId\":\"%s\"}".formatted(eventId, time, viewer);
    }

    static String paid(String eventId, Instant time, String order, String buyer, String amount, String channel) {
        return ("{\"type\":\"ORDER_PAID\",\"eventId\":\"%s\",\"time\":\"%s\",\"orderId\":\"%s\",\"buyerId\":\"%s\",\"newBuyer\":true,"
                + "\"productId\":\"kids-jacket\",\"amount\":%s,\"channel\":\"%s\"}").formatted(eventId, time, order, buyer, amount, channel);
    }

    /** Polls until {@code done} holds (every 0.25 s, at most 60 s); fails with the last answer. */
    static Response await(String what, Supplier<Response> probe, Predicate<Response> done) {
        return await(what, Duration.ofSeconds(60), probe, done);
    }

    /** Polls until {@code done} holds (every 0.25 s, at most {@code timeout}); fails with the last answer. */
    static Response await(String what, Duration timeout, Supplier<Response> probe, Predicate<Response> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last;
        do {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + "; last answer " + last.statusCode() + ": " + last.asString());
    }

    private static long storyStart;

    static void step(String what) {
        Suite.log("%5.1f s  %s", (System.nanoTime() - storyStart) / 1e9, what);
    }
}
