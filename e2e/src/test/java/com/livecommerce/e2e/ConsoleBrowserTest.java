package com.livecommerce.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff console (console/) in a real browser: Debian's Chromium through Selenium, against the suite this class
 * starts once (processes, free ports) with the demo story loaded as {@code ./suite up} loads it. Every page a test
 * opens gets axe-core (0 serious or critical violations) and the browser console (no SEVERE entry) checked. Users
 * sign in through Keycloak's login page (authorization-code flow of client staff-console) and sign out again.
 * Screenshots of the pages land in {@code target/e2e/screenshots} (docs/console holds the committed ones).
 */
@ExtendWith(SuiteExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "e2e.runtime", matches = "containers")
class ConsoleBrowserTest {

    static Suite suite;
    static Browser browser;
    static String console;

    @BeforeAll
    static void setUp() throws Exception {
        suite = SuiteExtension.suite();
        console = suite.consoleUrl();
        DemoStoryEndToEndTest.runStory(suite, 1);
        browser = new Browser(suite.dir);
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void opsSignsInAndSeesTheEcosystemOverview() throws Exception {
        long t0 = System.nanoTime();
        browser.signIn(console, "ops");
        // staff land on the overview: DOMAIN.md's outcome, from the services' own figures
        browser.awaitText(By.id("stalled-share"), "28.85%");
        assertEquals("platform-admin", text(By.id("role")));
        String ratio = text(By.id("growth-ratio"));
        assertTrue(ratio.matches("1\\.[45]\\d×"), "served vs unserved growth ratio about 1.5: " + ratio);
        assertTrue(text(By.id("main")).contains("HUNDRED_MILLION"), "Windmaker tiers");
        // the charts are drawn (Chart.js from the console's own WebJars)
        Long charts = (Long) browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('canvas[data-chart]')).filter(c => Chart.getChart(c)).length;");
        assertEquals(4L, charts, "growth, leaps, tiers and badges charts");
        browser.check("the ecosystem overview");
        browser.screenshot("overview");
        Suite.log("console: ops signed in and saw the overview in %d s", Suite.seconds(t0));
    }

    @Test
    @Order(2)
    void opsRunsACampaignForTheStalledMerchantsFromThePage() throws Exception {
        browser.open(console + "/campaigns");
        browser.check("the campaigns page");
        browser.await(By.id("run-campaign-button")).click();
        browser.await(Duration.ofSeconds(90)).until(d -> d.findElements(By.cssSelector("#campaign-status .badge")).stream()
                .anyMatch(e -> e.getText().equals("COMPLETED")));
        int assigned = Integer.parseInt(text(By.id("assigned-count")));
        int unassigned = Integer.parseInt(text(By.id("unassigned-count")));
        assertTrue(assigned + unassigned > 0, "the cohort of stalled merchants");
        assertEquals(assigned, all(By.cssSelector("#assignments tbody tr")).size(), "a row per assignment");
        List<WebElement> left = all(By.cssSelector("#unassigned tbody tr"));
        assertEquals(unassigned, left.size(), "a row per unassigned merchant");
        for (WebElement row : left) {
            assertTrue(row.getText().matches("(?s).*(UNKNOWN_MERCHANT|ALREADY_ENGAGED|NO_ELIGIBLE_PROVIDER|CAPACITY_EXHAUSTED).*"),
                    "every unassigned merchant with its reason: " + row.getText());
        }
        browser.check("a campaign's page");
        browser.screenshot("campaign");
    }

    @Test
    @Order(3)
    void opsPagesMerchantsProvidersLeaderboardsSessionsEngagementsInBothLanguages() throws Exception {
        // the list, then filtered through the form: industrial-belt merchants of kidswear
        browser.open(console + "/merchants");
        assertEquals(20, all(By.cssSelector("#merchant-list tbody tr")).size(), "a page of merchants");
        browser.check("the merchants list");
        new Select(browser.driver.findElement(By.name("kind"))).selectByValue("INDUSTRIAL_BELT");
        browser.driver.findElement(By.name("category")).sendKeys("kidswear");
        browser.driver.findElement(By.cssSelector("form.filters button")).click();
        browser.await(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("category=kidswear")
                && !d.findElements(By.linkText("Kids Products Merchant (Session B)")).isEmpty());
        for (WebElement row : all(By.cssSelector("#merchant-list tbody tr"))) {
            assertTrue(row.getText().contains("INDUSTRIAL_BELT") && row.getText().contains("kidswear"), "filtered: " + row.getText());
        }
        browser.check("the filtered merchants list");
        browser.screenshot("merchants");
        browser.driver.findElement(By.linkText("Kids Products Merchant (Session B)")).click();
        browser.awaitText(By.id("merchant-name"), "Kids Products Merchant (Session B)");
        assertTrue(all(By.cssSelector("#recommendations tbody tr")).size() > 0, "recommendations with their score components");
        assertTrue(text(By.id("recommendations")).contains("Category fit"), "the components are named");
        browser.check("a merchant's page");
        browser.screenshot("merchant");

        browser.open(console + "/providers");
        browser.check("the providers page");
        browser.screenshot("providers");
        browser.driver.findElement(By.linkText("Brand Self-Broadcast Partners")).click();
        browser.awaitText(By.id("tier"), "HUNDRED_MILLION");
        assertTrue(all(By.cssSelector("#decisions tbody tr")).size() > 0, "the decisions and their reasons");
        browser.check("a provider's page");
        browser.screenshot("provider");
        // the rejected provider of the story: every failed rule is a reason
        browser.open(console + "/providers?status=REJECTED");
        List<WebElement> rejected = all(By.cssSelector("#provider-list tbody tr a"));
        assertTrue(!rejected.isEmpty(), "the story's rejected provider");
        rejected.get(0).click();
        browser.awaitText(By.id("admission"), "REJECTED");
        assertTrue(text(By.id("decisions")).matches("(?s).*(MIN_CERTIFIED_OPERATORS|MIN_SERVED_GMV|HAS_CATEGORY|HAS_CAPACITY).*"),
                "the failed rules: " + text(By.id("decisions")));
        browser.check("a rejected provider's page");

        browser.open(console + "/leaderboards?period=2021H2");
        browser.awaitText(By.id("board-period"), "2021H2");
        assertTrue(all(By.cssSelector("table.board tbody tr")).size() >= 3, "2021H2's entries");
        browser.check("the leaderboards");
        browser.screenshot("leaderboards");

        browser.open(console + "/sessions");
        browser.driver.findElement(By.partialLinkText("Session A")).click();
        browser.await(By.id("session-title"));
        assertEquals(7, all(By.cssSelector("#bestsellers tbody tr")).size(), "Session A's 7 bestsellers");
        browser.check("a session's page");
        browser.screenshot("session");

        browser.open(console + "/engagements");
        browser.check("the engagements page");
        browser.screenshot("engagements");

        // Simplified Chinese through the switch (a cookie), and back
        browser.open(console + "/overview");
        browser.await(By.id("lang-switch")).click();
        browser.awaitText(By.id("sign-out"), "退出登录");
        assertEquals("zh-CN", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        browser.awaitText(By.id("stalled-share"), "28.85%");
        browser.check("the overview in Chinese");
        browser.screenshot("overview-zh");
        browser.await(By.id("lang-switch")).click();
        browser.awaitText(By.id("sign-out"), "Sign out");
    }

    @Test
    @Order(4)
    void aLiveSessionsKpisChangeOnScreenWhileTelemetryArrives() throws Exception {
        Keycloak keycloak = new Keycloak(suite);
        String ops = keycloak.token("ops");
        String merchantId = DemoStoryEndToEndTest.call(ops).get(suite.url("merchant") + "/merchants?size=100").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.name == 'Down Jacket Brand (Session A)' }.id");
        String session = suite.url("session");
        String id = DemoStoryEndToEndTest.call(ops).body("""
                {"merchantId": "%s", "title": "Console live check", "scheduledStart": "%s", "plannedMinutes": 30,
                 "gmvTarget": 100000.00, "adBudget": {"PAID_PROMOTION": 5000.00, "FAN_BOOST": 2000.00}}"""
                .formatted(merchantId, Instant.now().plusSeconds(60))).post(session + "/sessions").then().statusCode(201).extract().path("id");
        DemoStoryEndToEndTest.call(ops).post(session + "/sessions/{id}/start", id).then().statusCode(200);

        browser.open(console + "/sessions/" + id);
        browser.awaitText(By.cssSelector("[data-live-state]"), "receiving");
        String feeder = keycloak.telemetryToken();
        Instant t = Instant.now();
        telemetry(feeder, id, SuiteEndToEndTest.enter("c-1", t, "v1"), SuiteEndToEndTest.enter("c-2", t, "v2"),
                SuiteEndToEndTest.enter("c-3", t, "v3"), SuiteEndToEndTest.paid("c-4", t, "o1", "v1", "1200.00", "PAID_PROMOTION"),
                "{\"type\":\"AD_SPEND\",\"eventId\":\"c-8\",\"time\":\"%s\",\"channel\":\"PAID_PROMOTION\",\"amount\":300.00}".formatted(t),
                "{\"type\":\"AD_SPEND\",\"eventId\":\"c-9\",\"time\":\"%s\",\"channel\":\"FAN_BOOST\",\"amount\":200.00}".formatted(t));
        browser.await(Duration.ofSeconds(90)).until(d -> d.findElement(By.id("kpi-uv")).getText().equals("3"));
        String gmv = text(By.id("kpi-gmv"));
        assertEquals("¥1,200.00", gmv);
        telemetry(feeder, id, SuiteEndToEndTest.enter("c-5", t.plusSeconds(1), "v4"), SuiteEndToEndTest.enter("c-6", t.plusSeconds(1), "v5"),
                SuiteEndToEndTest.paid("c-7", t.plusSeconds(1), "o2", "v4", "800.00", "FAN_BOOST"));
        browser.await(Duration.ofSeconds(60)).until(d -> d.findElement(By.id("kpi-uv")).getText().equals("5")
                && d.findElement(By.id("kpi-gmv")).getText().equals("¥2,000.00"));
        assertEquals("2", text(By.id("kpi-orders")));
        browser.check("a live session's page");
        browser.screenshot("session-live");
        DemoStoryEndToEndTest.call(ops).post(session + "/sessions/{id}/end", id).then().statusCode(200);
    }

    @Test
    @Order(5)
    void anEngagementFromProposalToCompletionByClickingAsMerchantAndProvider() throws Exception {
        browser.signOut();
        browser.signIn(console, "m-brand");
        // a merchant lands on its own shop and sees nothing of the others
        browser.awaitText(By.id("merchant-name"), "Down Jacket Brand (Session A)");
        String merchantPage = browser.driver.getCurrentUrl();
        assertEquals("merchant", text(By.id("role")));
        assertTrue(all(By.cssSelector("header nav a[href='/campaigns'], header nav a[href='/overview'], header nav a[href='/merchants']")).isEmpty(),
                "no staff pages in a merchant's menu");
        browser.check("a merchant's own page");
        browser.screenshot("merchant-self");
        for (String staffOnly : List.of("/merchants", "/overview", "/providers")) {
            browser.open(console + staffOnly);
            assertTrue(all(By.cssSelector(".alert.denied[data-status='403']")).size() > 0, staffOnly + " is refused to a merchant by the service");
            browser.check(staffOnly + " as a merchant");
        }

        // propose to the brand provider, accept
        browser.open(console + "/engagements");
        WebElement provider = browser.await(By.name("providerId"));
        new Select(provider).selectByVisibleText(new Select(provider).getOptions().stream().map(WebElement::getText)
                .filter(o -> o.startsWith("Brand Self-Broadcast Partners")).findFirst()
                .orElseThrow(() -> new AssertionError("the brand provider among the recommendations")));
        browser.driver.findElement(By.id("propose-button")).click();
        browser.await(By.id("done"));
        WebElement proposed = row("PROPOSED");
        String engagement = proposed.getAttribute("data-engagement");
        proposed.findElement(By.cssSelector("button.accept")).click();
        awaitStatus(engagement, "ACCEPTED");
        browser.check("the engagements page as a merchant");
        browser.signOut();

        // the provider activates it: then, and only then, it reads the merchant's data
        browser.signIn(console, "p-brand");
        browser.awaitText(By.id("tier"), "HUNDRED_MILLION");
        assertEquals("provider", text(By.id("role")));
        browser.check("a provider's own page");
        browser.screenshot("provider-self");
        browser.open(console + "/merchants");
        assertTrue(all(By.cssSelector(".alert.denied[data-status='403']")).size() > 0, "the merchants list is refused to a provider");
        browser.open(console + "/engagements");
        browser.driver.findElement(By.cssSelector("tr[data-engagement='" + engagement + "'] button.activate")).click();
        awaitStatus(engagement, "ACTIVE");
        browser.check("the engagements page as a provider");
        browser.await(Duration.ofSeconds(60)).until(d -> {
            d.get(merchantPage);
            return !d.findElements(By.id("merchant-name")).isEmpty();
        });
        browser.signOut();

        // the merchant completes it with a rating
        browser.signIn(console, "m-brand");
        browser.open(console + "/engagements");
        WebElement active = browser.driver.findElement(By.cssSelector("tr[data-engagement='" + engagement + "']"));
        active.findElement(By.cssSelector("details.complete summary")).click();
        new Select(active.findElement(By.name("results"))).selectByValue("4");
        active.findElement(By.cssSelector("button.complete")).click();
        awaitStatus(engagement, "COMPLETED");
        assertTrue(browser.driver.findElement(By.cssSelector("tr[data-engagement='" + engagement + "']")).getText().contains("4/5/5"),
                "the rating shown");
        browser.check("the engagements page after completion");
        browser.signOut();
    }

    @Test
    @Order(6)
    void aViewerReadsEverythingAndChangesNothing() throws Exception {
        browser.signIn(console, "analyst");
        browser.awaitText(By.id("stalled-share"), "28.85%");
        assertEquals("viewer", text(By.id("role")));
        browser.open(console + "/campaigns");
        assertTrue(all(By.id("run-campaign")).isEmpty(), "no campaign form for a viewer");
        browser.check("the campaigns page as a viewer");
        browser.open(console + "/engagements");
        assertTrue(all(By.cssSelector("#engagement-list tbody tr")).size() > 0, "a viewer reads every engagement");
        assertTrue(all(By.cssSelector("button.accept, button.activate, button.complete, button.danger, #propose")).isEmpty(),
                "no action for a viewer");
        browser.check("the engagements page as a viewer");
        browser.open(console + "/merchants");
        assertTrue(all(By.cssSelector("#merchant-list tbody tr")).size() > 0, "a viewer reads the merchants");
        browser.check("the merchants list as a viewer");
        browser.signOut();
        // signed out: the console asks to sign in again
        browser.driver.get(console + "/overview");
        browser.await(By.id("username"));
    }

    // ---------------------------------------------------------------------------------------------------------

    static WebElement row(String status) {
        return browser.await(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#engagement-list tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("td.status")).getText().equals(status)).findFirst().orElse(null));
    }

    static void awaitStatus(String engagement, String status) {
        browser.await(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("tr[data-engagement='" + engagement + "'] td.status"))
                .stream().anyMatch(e -> e.getText().equals(status)));
    }

    static void telemetry(String feeder, String session, String... lines) {
        given().auth().oauth2(feeder).contentType(SuiteEndToEndTest.NDJSON)
                .body((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(suite.url("session") + "/sessions/{id}/telemetry", session).then().statusCode(202).body("rejected", equalTo(0));
    }

    static String text(By by) {
        return browser.await(by).getText();
    }

    static List<WebElement> all(By by) {
        return browser.driver.findElements(by);
    }
}
