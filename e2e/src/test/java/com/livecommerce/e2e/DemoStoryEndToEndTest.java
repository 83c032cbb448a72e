package com.livecommerce.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo story of the local run ({@code scripts/demo-data.sh}, what {@code ./suite up} loads) against a suite of its
 * own (fresh databases), driven as {@code ./suite up} drives it, and its outcome read back through the services' APIs:
 * DOMAIN.md's figures come out of the services' own computation on the story's data (28.85% stalled; served merchants
 * growing about 1.5x as fast as unserved ones, from engagements imported after the fact; a Windmaker tier by served GMV;
 * a past period's leaderboards with non-zero, differing scores; the two sessions' KPIs). Then the story runs again, as a
 * second clone sharing the databases would run it, and creates nothing twice. The story is the local run's (processes):
 * the container run checks the images with {@link SuiteEndToEndTest} only.
 */
@ExtendWith(SuiteExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "e2e.runtime", matches = "containers")
class DemoStoryEndToEndTest {

    /** Seconds of wall-clock airtime per replayed session (the local run takes 60; the KPIs' rates do not depend on it). */
    static final String AIRTIME = "20";

    static Suite suite;
    static String ops;
    /** What the first run left: totals of every list the story fills. */
    static Map<String, Integer> totals;
    static JsonPath insights;

    @BeforeAll
    static void setUp() {
        suite = SuiteExtension.suite();
        ops = new Keycloak(suite).token("ops");
    }

    @Test
    @Order(1)
    void theStoryShowsDomainsOutcomeFromTheServicesOwnFigures() throws Exception {
        List<String> summary = runStory(1);
        ops = new Keycloak(suite).token("ops");
        String merchant = suite.url("merchant"), provider = suite.url("provider"), session = suite.url("session"),
                matching = suite.url("matching");

        // 15 of the 52 active merchants stalled between 2021H1 and 2021H2: 28.85%
        JsonPath stalled = call(ops).get(merchant + "/merchants/stalled?earlier=2021H1&later=2021H2&size=1").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(15, stalled.getInt("total"), stalled.prettify());
        assertEquals(52, stalled.getInt("activeMerchants"), stalled.prettify());
        assertMoney("0.2885", stalled, "stalledShare");

        // served merchants grew about 1.5 times as fast as unserved ones (matching's insights on the imported engagements)
        insights = call(ops).get(matching + "/insights/ecosystem?earlier=2021H1&later=2021H2").then().statusCode(200).extract().jsonPath();
        assertEquals(52, insights.getInt("activeMerchants"), insights.prettify());
        assertEquals(10, insights.getInt("servedMerchants"), "ten merchants served in 2021H2: " + insights.prettify());
        BigDecimal ratio = money(insights, "growthRatio");
        assertTrue(ratio.compareTo(new BigDecimal("1.4")) >= 0 && ratio.compareTo(new BigDecimal("1.6")) <= 0,
                "served vs unserved growth near 1.5: " + insights.prettify());
        assertTrue(money(insights, "served.growthRate").compareTo(money(insights, "unserved.growthRate")) > 0, insights.prettify());
        Map<String, Integer> leaps = insights.getMap("leapsByProviderType");
        assertTrue(leaps.values().stream().mapToInt(Integer::intValue).sum() > 0, "leaps in 2021H2: " + leaps);

        // the imports: audited, each a COMPLETED engagement whose outcome is the ledger's
        JsonPath imports = call(ops).get(matching + "/engagements/imports?size=200").then().statusCode(200).extract().jsonPath();
        assertEquals(11, imports.getInt("total"), imports.prettify());
        assertEquals(Set.of("ops"), Set.copyOf(imports.getList("items.importedBy")));
        assertEquals(Set.of("COMPLETED"), Set.copyOf(imports.getList("items.engagement.status")));
        assertEquals(List.of(), imports.getList("items.findAll { it.engagement.outcome == null }"));

        // a provider reaches a Windmaker tier by served GMV (the recent import, completed within the last 365 days)
        JsonPath windmaker = call(ops).get(provider + "/programs/windmaker").then().statusCode(200).extract().jsonPath();
        assertTrue(windmaker.getInt("tiers.find { it.level == 'HUNDRED_MILLION' }.providers") >= 1, windmaker.prettify());
        JsonPath brandProvider = byName(provider + "/providers", "Brand Self-Broadcast Partners");
        assertEquals("HUNDRED_MILLION", brandProvider.getString("tier"), brandProvider.prettify());
        assertTrue(money(brandProvider, "servedGmv12m").compareTo(new BigDecimal("100000000")) >= 0, brandProvider.prettify());

        // the leaderboards of a past period: every provider that served then scores above zero, and the scores differ
        JsonPath board = call(ops).get(provider + "/leaderboards?period=2021H2&size=200").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = board.getList("items");
        assertFalse(entries.isEmpty(), board.prettify());
        Set<BigDecimal> scores = new TreeSet<>();
        for (Map<String, Object> e : entries) {
            BigDecimal score = new BigDecimal(e.get("score").toString());
            assertTrue(score.signum() > 0, "a non-zero score: " + e);
            scores.add(score.stripTrailingZeros());
        }
        assertTrue(scores.size() >= 3, "differing scores: " + scores + " in " + board.prettify());

        // the two sessions of DOMAIN.md at 1/100 scale, their KPIs from the streamed telemetry
        String sessionA = sessionByTitle(session, "Down jackets, Nov 25 (Session A, 1/100)");
        JsonPath a = call(ops).get(session + "/sessions/{id}/kpis", sessionA).then().statusCode(200).extract().jsonPath();
        assertEquals(40000, a.getInt("uv"), a.prettify());
        assertMoney("0.0331", a, "payConversionRate");
        assertMoney("5.99", a, "uvValue");
        assertEquals(7, a.getList("bestsellers").size(), a.prettify());
        String sessionB = sessionByTitle(session, "Kids products, Nov 22 (Session B, 1/100)");
        JsonPath b = call(ops).get(session + "/sessions/{id}/kpis", sessionB).then().statusCode(200).extract().jsonPath();
        assertMoney("0.0298", b, "payConversionRate");
        assertMoney("1.96", b, "gmvLiftVsBaseline");

        // the summary says so, with the services' figures
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("summary: served vs unserved 2021H1 -> 2021H2: 10 of 52")
                && l.contains("grew " + ratio.toPlainString() + "x as fast")), String.join("\n", summary));
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("summary: windmaker:") && l.contains("p-brand tier HUNDRED_MILLION")),
                String.join("\n", summary));
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("summary: leaderboards 2021H2")), String.join("\n", summary));
        totals = totals();
    }

    @Test
    @Order(2)
    void aSecondRunOnTheSameDatabasesCreatesNothingTwice() throws Exception {
        assertNotNull(totals, "the first run's totals");
        runStory(2);
        ops = new Keycloak(suite).token("ops");
        assertEquals(totals, totals(), "a second run of the story changes no total");
        assertEquals(1, count(suite.url("provider") + "/providers", "Brand Self-Broadcast Partners"));
        assertEquals(1, count(suite.url("merchant") + "/merchants", "Demo merchant 1"));
        JsonPath again = call(ops).get(suite.url("matching") + "/insights/ecosystem?earlier=2021H1&later=2021H2").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(insights.getInt("servedMerchants"), again.getInt("servedMerchants"));
        assertEquals(0, money(insights, "growthRatio").compareTo(money(again, "growthRatio")), again.prettify());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Runs scripts/demo-data.sh against this suite as ./suite up does; returns its summary lines (its whole output in run/demo-N.log). */
    private static List<String> runStory(int run) throws IOException, InterruptedException {
        return runStory(suite, run);
    }

    /** Runs scripts/demo-data.sh against {@code suite} (also {@link ConsoleBrowserTest}'s); its output in run/demo-N.log. */
    static List<String> runStory(Suite suite, int run) throws IOException, InterruptedException {
        Path log = suite.run.resolve("demo-" + run + ".log");
        ProcessBuilder pb = new ProcessBuilder(suite.root.resolve("scripts/demo-data.sh").toString()).directory(suite.root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        suite.env(pb.environment());
        pb.environment().put("MERCHANT_URL", suite.url("merchant"));
        pb.environment().put("PROVIDER_URL", suite.url("provider"));
        pb.environment().put("SESSION_URL", suite.url("session"));
        pb.environment().put("MATCHING_URL", suite.url("matching"));
        pb.environment().put("DEMO_AIRTIME", AIRTIME);
        long t0 = System.nanoTime();
        Suite.log("demo story, run %d (scripts/demo-data.sh, log %s)", run, log);
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/demo-data.sh did not finish within 15 minutes; see " + log);
        }
        List<String> lines = Files.readAllLines(log);
        if (p.exitValue() != 0) {
            throw new AssertionError("scripts/demo-data.sh exited with " + p.exitValue() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        List<String> summary = lines.stream().filter(l -> l.startsWith("summary:")).toList();
        Suite.log("demo story, run %d done in %d s:\n  %s", run, Suite.seconds(t0), String.join("\n  ", summary));
        return summary;
    }

    /** The totals of every list the story fills. */
    private static Map<String, Integer> totals() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        totals.put("merchants", total(suite.url("merchant") + "/merchants"));
        totals.put("providers", total(suite.url("provider") + "/providers"));
        totals.put("sessions", total(suite.url("session") + "/sessions"));
        totals.put("engagements", total(suite.url("matching") + "/engagements"));
        totals.put("imports", total(suite.url("matching") + "/engagements/imports"));
        totals.put("leaderboard 2021H2 entries", total(suite.url("provider") + "/leaderboards?period=2021H2"));
        return totals;
    }

    private static int total(String url) {
        return call(ops).get(url + (url.contains("?") ? "&" : "?") + "size=1").then().statusCode(200).extract().path("total");
    }

    private static int count(String list, String name) {
        return call(ops).get(list + "?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.name == '" + name + "' }").size();
    }

    private static JsonPath byName(String list, String name) {
        List<Map<String, Object>> found = call(ops).get(list + "?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.name == '" + name + "' }");
        assertEquals(1, found.size(), name + " in " + list);
        return call(ops).get(list + "/" + found.get(0).get("id")).then().statusCode(200).extract().jsonPath();
    }

    private static String sessionByTitle(String session, String title) {
        List<String> ids = call(ops).get(session + "/sessions?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.title == '" + title + "' }.id");
        assertEquals(1, ids.size(), title + ": " + ids);
        return ids.get(0);
    }

    static RequestSpecification call(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static BigDecimal money(JsonPath json, String path) {
        Object value = json.get(path);
        assertNotNull(value, path + " in " + json.prettify());
        return new BigDecimal(value.toString());
    }

    static void assertMoney(String expected, JsonPath json, String path) {
        assertEquals(0, new BigDecimal(expected).compareTo(money(json, path)), path + " in " + json.prettify());
    }
}
