package com.livecommerce.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (nothing downloaded: both paths are given, so
 * Selenium Manager is never asked), with the checks every console page gets: axe-core injected (0 serious or critical
 * violations) and no SEVERE entry in the browser's console log.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    private final String axeSource;
    private final Path shots;

    Browser(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium and chromedriver from Debian are needed: apt-get install -y chromium chromium-driver"
                    + " (.ci/run installs them when missing)");
        }
        axeSource = Files.readString(axe(dir.resolve("axe")));
        shots = dir.resolve("screenshots");
        Files.createDirectories(shots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,900",
                "--lang=en-US", "--no-first-run", "--disable-search-engine-choice-screen", "--password-store=basic");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en", "credentials_enable_service", false,
                "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(dir.resolve("run/chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** axe-core from npm (the version the pom names), fetched once with {@code npm pack} into target/e2e/axe. */
    private static Path axe(Path dir) throws IOException, InterruptedException {
        String version = System.getProperty("e2e.axe.version", "4.10.3");
        Path js = dir.resolve("package/axe.min.js");
        Path stamp = dir.resolve("version");
        if (Files.exists(js) && Files.exists(stamp) && Files.readString(stamp).equals(version)) {
            return js;
        }
        Files.createDirectories(dir);
        Process pack = new ProcessBuilder("npm", "pack", "axe-core@" + version, "--pack-destination", dir.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("npm-pack.log").toFile()).start();
        if (!pack.waitFor(5, TimeUnit.MINUTES) || pack.exitValue() != 0) {
            throw new IllegalStateException("npm pack axe-core@" + version + " failed: " + Files.readString(dir.resolve("npm-pack.log")));
        }
        Process untar = new ProcessBuilder("tar", "xzf", "axe-core-" + version + ".tgz").directory(dir.toFile()).inheritIO().start();
        if (!untar.waitFor(1, TimeUnit.MINUTES) || untar.exitValue() != 0) {
            throw new IllegalStateException("could not unpack axe-core-" + version + ".tgz in " + dir);
        }
        Files.writeString(stamp, version);
        return js;
    }

    /**
     * A wait that polls every 100 ms and tries again when an element it looked at went stale: a form post or a
     * redirect replaces the page while a condition is reading the old one (on a loaded machine, often).
     */
    WebDriverWait await(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebElement await(By by) {
        return await(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        await(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Opens a console page and waits until it is rendered (the header is there and htmx settled). */
    void open(String url) {
        driver.get(url);
        await(By.id("main"));
    }

    /**
     * Signs in through Keycloak's login page (authorization-code flow) as a demo user; password = user name. Whoever
     * is still signed in (a test that failed before its sign-out) is signed out first, so one failure stays one.
     */
    void signIn(String consoleUrl, String user) {
        driver.get(consoleUrl + "/");
        await(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("username")).isEmpty() || !d.findElements(By.id("sign-out")).isEmpty());
        if (driver.findElements(By.id("username")).isEmpty()) {
            signOut();
            driver.get(consoleUrl + "/");
        }
        await(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        awaitText(By.id("signed-in-as"), user);
    }

    /** Signs out (RP-initiated logout at Keycloak) and waits for the console's signed-out page. */
    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        await(By.id("sign-in-again"));
    }

    /** axe-core injected into the page: every violation of impact serious or critical, as "rule: target" lines. */
    List<String> seriousViolations() throws IOException {
        JavascriptExecutor js = driver;
        js.executeScript(axeSource);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])); });");
        List<String> found = new ArrayList<>();
        for (JsonNode v : JSON.readTree(result.toString())) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString() + " " + n.path("failureSummary").asText().replace('\n', ' ')));
                found.add(v.path("id").asText() + " (" + impact + "): " + v.path("help").asText() + " " + targets);
            }
        }
        return found;
    }

    /** The browser console's SEVERE entries since the last call. */
    List<String> severeLogs() {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        return severe;
    }

    /** Both checks on the page shown now. */
    void check(String page) throws IOException {
        assertEquals(List.of(), seriousViolations(), "axe-core: serious or critical violations on " + page + " (" + driver.getCurrentUrl() + ")");
        assertEquals(List.of(), severeLogs(), "SEVERE browser console entries on " + page + " (" + driver.getCurrentUrl() + ")");
    }

    /** A PNG of the whole page (the window grown to the page's height for the shot). */
    Path screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript("return Math.max(document.documentElement.scrollHeight, 600);");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 140, 4000)));
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path file = shots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
