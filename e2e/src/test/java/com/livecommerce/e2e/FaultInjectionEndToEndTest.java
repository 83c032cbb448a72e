package com.livecommerce.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing lost, nothing doubled under faults (issue 17, item 3). A suite of its own (fresh databases, broker, the four
 * services' jars as processes) gets a steady load from a few client threads: GMV ledger imports (each entry with its
 * {@code sourceId}), telemetry for two live sessions (each event with its {@code eventId}), and a STALLED campaign whose
 * engagement goes through acceptance, activation and completion. Meanwhile, at least once each: every service is
 * SIGKILLed and started again, the Kafka broker is stopped and started, the services' PostgreSQL connections to their
 * databases are cut ({@code pg_terminate_backend} on this suite's databases only), Keycloak is stopped and started.
 * The clients retry as real clients do: on 503, connection errors and timeouts, with backoff, the same body, the same
 * {@code Idempotency-Key} / {@code sourceId} / {@code eventId}. Afterwards every figure must equal what the load sent,
 * computed here from the load itself: the ledgers (merchant-service and matching's read models), both sessions' KPIs,
 * the operators' session stats, the provider's served GMV and tier (provider-service and matching), the count of
 * everything created; every dead-letter topic empty, every outbox drained. It prints a table of what it did.
 */
@ExtendWith(SuiteExtension.class)
@DisabledIfSystemProperty(named = "e2e.runtime", matches = "containers") // kills and restarts processes by PID
class FaultInjectionEndToEndTest {

    static final String NDJSON = "application/x-ndjson";
    /** The dead-letter topics of the suite (ARCHITECTURE.md: {@code <service>.<topic>.dlq}). */
    static final List<String> DLQS = List.of("matching-service.merchant-events.dlq", "matching-service.provider-events.dlq",
            "merchant-service.session-events.dlq", "merchant-service.engagement-events.dlq", "provider-service.engagement-events.dlq",
            "provider-service.session-events.dlq", "session-service.engagement-events.dlq");
    static final Duration CONVERGE = Duration.ofSeconds(240);
    static final BigDecimal DURING = new BigDecimal("150000000.00");

    static ProcessSuite suite;
    static String ops, feeder, mBelt, pBelt;
    static String m1, p1, p2;
    /** Merchants that get the ledger load (m2, m3 also run a session each; m4 only imports). */
    static List<String> loaded = new ArrayList<>();
    static List<String> operators = new ArrayList<>();
    static List<String> sessions = new ArrayList<>();

    static final Client client = new Client();
    static final AtomicBoolean loadOn = new AtomicBoolean(true);
    static final List<String[]> faults = new ArrayList<>(); // {fault, detail, recovery}
    static final Map<String, BigDecimal> ledgerSent = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> ledgerEntriesSent = new ConcurrentHashMap<>();
    static final Map<Integer, Telemetry> telemetrySent = new ConcurrentHashMap<>();

    /** What the load sent into one session, to compute its KPIs independently. */
    static final class Telemetry {
        BigDecimal gmv = BigDecimal.ZERO;
        BigDecimal spend = BigDecimal.ZERO;
        int orders;
        int viewers;
        int buyers;
        int events;
    }

    @BeforeAll
    static void setUp() throws Exception {
        Suite s = SuiteExtension.suite();
        Assumptions.assumeTrue(s instanceof ProcessSuite, "fault injection runs on the process runtime");
        suite = (ProcessSuite) s;
        Keycloak keycloak = new Keycloak(suite);
        ops = keycloak.token("ops");
        String merchant = suite.url("merchant"), provider = suite.url("provider"), matching = suite.url("matching");

        m1 = client.create("merchant", ops, merchant + "/merchants", """
                {"name": "Fault Zhili Kidswear Factory", "kind": "INDUSTRIAL_BELT", "category": "kidswear", "region": "Zhili, Huzhou",
                 "followers": 120000, "trustRights": true}""");
        client.ok("ledger", ops, "POST", merchant + "/merchants/" + m1 + "/gmv", """
                [{"date": "2021-03-15", "gmv": 5000000.00, "orders": 50000, "sourceId": "fault-2021h1"},
                 {"date": "2021-09-15", "gmv": 4000000.00, "orders": 41000, "sourceId": "fault-2021h2"}]""", null);
        for (int i = 2; i <= 4; i++) {
            String id = client.create("merchant", ops, merchant + "/merchants", """
                    {"name": "Fault Brand %d", "kind": "BRAND", "category": "apparel", "region": "Hangzhou",
                     "followers": 800000, "trustRights": true}""".formatted(i));
            loaded.add(id);
            ledgerSent.put(id, BigDecimal.ZERO);
            ledgerEntriesSent.put(id, new AtomicInteger());
        }
        p1 = provider("""
                {"name": "Fault Zhili Belt Services", "type": "INDUSTRIAL_BELT", "categories": ["kidswear"], "regions": ["Zhili, Huzhou"],
                 "capabilities": ["PRODUCT_SELECTION", "SKU_MANAGEMENT", "LIVE_OPERATIONS"], "capacity": 1,
                 "declaredServedGmv": 20000000.00}""", 2, null);
        p2 = provider("""
                {"name": "Fault Hangzhou MCN", "type": "MCN", "categories": ["apparel"], "regions": ["Hangzhou"],
                 "capabilities": ["CONTENT", "AD_OPTIMIZATION"], "capacity": 5, "declaredServedGmv": 50000000.00}""", 3, operators);
        keycloak.setClaim("m-belt", "merchant_id", m1);
        keycloak.setClaim("p-belt", "provider_id", p1);
        mBelt = keycloak.token("m-belt");
        pBelt = keycloak.token("p-belt");
        feeder = keycloak.telemetryToken();
        client.create("service-request", mBelt, merchant + "/merchants/" + m1 + "/service-requests", """
                {"needs": ["PRODUCT_SELECTION", "SKU_MANAGEMENT", "LIVE_OPERATIONS"], "monthlyBudget": 200000.00,
                 "gmvTarget": 5000000.00, "notes": "fault test"}""");
        // two live sessions (m2 and m3), each run by one of p2's operators
        for (int k = 0; k < 2; k++) {
            String id = client.create("session", ops, suite.url("session") + "/sessions", """
                    {"merchantId": "%s", "providerId": "%s", "operatorId": "%s", "title": "Fault session %d", "scheduledStart": "%s",
                     "plannedMinutes": 60, "gmvTarget": 100000.00, "adBudget": {"PAID_PROMOTION": 50000.00, "FAN_BOOST": 0}}"""
                    .formatted(loaded.get(k), p2, operators.get(k), k, Instant.now().plusSeconds(60)));
            client.transition(ops, suite.url("session") + "/sessions/" + id, "/start", "{}", "LIVE");
            sessions.add(id);
            telemetrySent.put(k, new Telemetry());
        }
        // matching knows what the campaign needs before the faults begin
        client.await("matching's read model of m1 (2 entries, needs)", ops, matching + "/read-models/merchants/" + m1,
                j -> j.getInt("ledgerEntries") == 2 && j.getList("needs").size() == 3);
        for (String p : List.of(p1, p2)) {
            client.await("matching's read model of " + p, ops, matching + "/read-models/providers/" + p, j -> j.getBoolean("inGoodStanding"));
        }
        Suite.log("fault test set up: m1=%s, loaded %s, p1=%s, p2=%s, sessions %s", m1, loaded, p1, p2, sessions);
    }

    @Test
    void nothingLostNothingDoubledUnderFaults() throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> load = new ArrayList<>();
        load.add(pool.submit(() -> {
            ledgerLoad();
            return null;
        }));
        for (int k = 0; k < 2; k++) {
            int session = k;
            load.add(pool.submit(() -> {
                telemetryLoad(session);
                return null;
            }));
        }
        AtomicInteger faultsDone = new AtomicInteger();
        Future<String> engagement = pool.submit(() -> engagementFlow(faultsDone));
        Future<?> injector = pool.submit(() -> {
            injectFaults(faultsDone);
            return null;
        });
        injector.get();
        String engagementId = engagement.get();
        Thread.sleep(3000); // a few more seconds of load on the healthy suite
        loadOn.set(false);
        for (Future<?> f : load) {
            f.get();
        }
        pool.shutdown();
        long loadSeconds = Suite.seconds(t0);
        Suite.log("load stopped after %d s; ending the sessions and waiting for convergence", loadSeconds);
        for (String id : sessions) {
            client.transition(ops, suite.url("session") + "/sessions/" + id, "/end", "{}", "ENDED");
        }
        long c0 = System.nanoTime();
        int checked = converge(engagementId);
        long convergeSeconds = Suite.seconds(c0);
        table(loadSeconds, convergeSeconds, checked);
        assertEquals(0, client.statuses.getOrDefault(500, new LongAdder()).sum(), "answers 500: " + client.unexpected);
        assertTrue(client.unexpected.isEmpty(), "unexpected answers: " + client.unexpected);
    }

    // ------------------------------------------------------------------------------------------------- the load

    /** Ledger imports into m2..m4, round robin, 3 entries a batch, dated in 2020 (not the campaign's periods). */
    private static void ledgerLoad() throws Exception {
        LocalDate base = LocalDate.of(2020, 1, 1);
        for (int b = 0; loadOn.get(); b++) {
            String merchant = loaded.get(b % loaded.size());
            StringBuilder body = new StringBuilder("[");
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < 3; i++) {
                BigDecimal gmv = new BigDecimal((1000 + b * 7 + i) + ".25");
                sum = sum.add(gmv);
                body.append(i == 0 ? "" : ",").append("{\"date\":\"%s\",\"gmv\":%s,\"orders\":%d,\"sourceId\":\"fault-l%d-%d\"}"
                        .formatted(base.plusDays((b * 3L + i) % 366), gmv, 10 + i, b, i));
            }
            body.append(']');
            client.ok("ledger", ops, "POST", suite.url("merchant") + "/merchants/" + merchant + "/gmv", body.toString(), null);
            ledgerSent.merge(merchant, sum, BigDecimal::add);
            ledgerEntriesSent.get(merchant).addAndGet(3);
            Thread.sleep(100);
        }
    }

    /** Telemetry for one session: per batch 3 new viewers, 2 paid orders (by two of them), 1 ad spend. */
    private static void telemetryLoad(int k) throws Exception {
        String url = suite.url("session") + "/sessions/" + sessions.get(k) + "/telemetry";
        Telemetry sent = telemetrySent.get(k);
        for (int b = 0; loadOn.get(); b++) {
            Instant t = Instant.now();
            StringBuilder body = new StringBuilder();
            String prefix = "f" + k + "-" + b;
            for (int i = 0; i < 3; i++) {
                body.append("{\"type\":\"VIEWER_ENTER\",\"eventId\":\"%s-e%d\",\"time\":\"%s\",\"viewerId\":\"%s-v%d\"}\n"
                        .formatted(prefix, i, t, prefix, i));
            }
            BigDecimal gmv = BigDecimal.ZERO;
            for (int i = 0; i < 2; i++) {
                BigDecimal amount = new BigDecimal((100 + b % 50 + i) + ".50");
                gmv = gmv.add(amount);
                body.append(("{\"type\":\"ORDER_PAID\",\"eventId\":\"%s-o%d\",\"time\":\"%s\",\"orderId\":\"%s-o%d\",\"buyerId\":\"%s-v%d\","
                        + "\"newBuyer\":true,\"productId\":\"p%d\",\"amount\":%s,\"channel\":\"ORGANIC\"}\n")
                        .formatted(prefix, i, t, prefix, i, prefix, i, b % 5, amount));
            }
            body.append("{\"type\":\"AD_SPEND\",\"eventId\":\"%s-a\",\"time\":\"%s\",\"channel\":\"PAID_PROMOTION\",\"amount\":10.00}\n"
                    .formatted(prefix, t));
            JsonPath answer = client.ok("telemetry", feeder, "POST", url, body.toString(), NDJSON);
            assertEquals(0, answer.getInt("rejected"), answer.prettify());
            synchronized (sent) {
                sent.gmv = sent.gmv.add(gmv);
                sent.spend = sent.spend.add(new BigDecimal("10.00"));
                sent.orders += 2;
                sent.viewers += 3;
                sent.buyers += 2;
                sent.events += 6;
            }
            Thread.sleep(100);
        }
    }

    /** A STALLED campaign, its engagement accepted, activated, served (ledger) and completed, while the faults go on. */
    private static String engagementFlow(AtomicInteger faultsDone) throws Exception {
        String matching = suite.url("matching");
        while (faultsDone.get() < 1) {
            Thread.sleep(100);
        }
        JsonPath started = client.send("campaign", ops, "POST", matching + "/campaigns",
                "{\"cohort\": \"STALLED\", \"earlier\": \"2021H1\", \"later\": \"2021H2\", \"term\": 3, \"commissionBps\": 800}",
                null, "fault-campaign", s -> s == 201 || s == 202);
        String campaignId = started.getString("id");
        JsonPath campaign = client.await("the campaign done", ops, matching + "/campaigns/" + campaignId,
                j -> !"RUNNING".equals(j.getString("status")));
        assertEquals("COMPLETED", campaign.getString("status"), campaign.prettify());
        assertEquals(List.of(m1), campaign.getList("assignments.merchantId"), campaign.prettify());
        assertEquals(List.of(p1), campaign.getList("assignments.providerId"), campaign.prettify());
        String engagementId = campaign.getString("assignments[0].engagementId");
        String url = matching + "/engagements/" + engagementId;
        while (faultsDone.get() < 2) {
            Thread.sleep(100);
        }
        client.transition(mBelt, url, "/accept", "{}", "ACCEPTED");
        while (faultsDone.get() < 3) {
            Thread.sleep(100);
        }
        JsonPath active = client.transition(pBelt, url, "/activate", "{}", "ACTIVE");
        LocalDate activationDay = OffsetDateTime.parse(active.getString("activatedAt")).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        client.ok("ledger", ops, "POST", suite.url("merchant") + "/merchants/" + m1 + "/gmv",
                "[{\"date\": \"%s\", \"gmv\": %s, \"orders\": 1200000, \"sourceId\": \"fault-during\"}]".formatted(activationDay, DURING), null);
        client.await("matching received m1's 3rd ledger entry", ops, matching + "/read-models/merchants/" + m1,
                j -> j.getInt("ledgerEntries") == 3);
        while (faultsDone.get() < 5) {
            Thread.sleep(100);
        }
        JsonPath completed = client.transition(mBelt, url, "/complete",
                "{\"rating\": {\"results\": 5, \"communication\": 4, \"professionalism\": 5}}", "COMPLETED");
        assertEquals(0, DURING.compareTo(new BigDecimal(completed.getString("outcome.gmvDuring"))), completed.prettify());
        Suite.log("engagement %s completed during the faults", engagementId);
        return engagementId;
    }

    // ------------------------------------------------------------------------------------------------ the faults

    private static void injectFaults(AtomicInteger done) throws Exception {
        Thread.sleep(3000);
        // two at a time (a producer and a consumer of each other's events), so the run stays short
        for (List<String> pair : List.of(List.of("merchant", "session"), List.of("provider", "matching"))) {
            long k0 = System.nanoTime();
            Map<String, Long> pids = new TreeMap<>();
            for (String service : pair) {
                pids.put(service, suite.pid(service));
                suite.kill(service);
            }
            Thread.sleep(1000); // the clients meet dead ports for a moment
            for (String service : pair) {
                suite.restart(service);
            }
            for (String service : pair) {
                suite.awaitReady(service, Duration.ofSeconds(180));
                fault("SIGKILL " + service + "-service, restart", "pid " + pids.get(service) + " -> " + suite.pid(service), k0);
                done.incrementAndGet();
            }
            Thread.sleep(2000);
        }
        long k0 = System.nanoTime();
        suite.stopKafka();
        Thread.sleep(8000);
        suite.startKafka();
        awaitAllReady();
        fault("Kafka broker stopped 8 s, started", "same data and port", k0);
        done.incrementAndGet();
        Thread.sleep(2000);
        k0 = System.nanoTime();
        int cut = 0;
        for (int i = 0; i < 3; i++) {
            cut += suite.cutDatabaseConnections();
            Thread.sleep(1000);
        }
        awaitAllReady();
        fault("PostgreSQL connections cut (3 x pg_terminate_backend)", cut + " backends of " + suite.databaseNames(), k0);
        done.incrementAndGet();
        Thread.sleep(2000);
        k0 = System.nanoTime();
        suite.stopKeycloak();
        Thread.sleep(8000);
        suite.startKeycloak();
        fault("Keycloak stopped 8 s, started", "same store (realm, keys)", k0);
        done.incrementAndGet();
        awaitAllReady();
    }

    private static void awaitAllReady() throws InterruptedException {
        for (String s : Suite.SERVICES) {
            suite.awaitReady(s, Duration.ofSeconds(180));
        }
    }

    private static void fault(String what, String detail, long t0) {
        String recovery = "%.1f s".formatted((System.nanoTime() - t0) / 1e9);
        synchronized (faults) {
            faults.add(new String[] {what, detail, recovery});
        }
        Suite.log("fault: %s (%s), recovered in %s", what, detail, recovery);
    }

    // ----------------------------------------------------------------------------------------------- afterwards

    /** Waits (polling, with a deadline) until every figure equals what the load sent; returns how many figures were checked. */
    private static int converge(String engagementId) throws Exception {
        String merchant = suite.url("merchant"), provider = suite.url("provider"), session = suite.url("session"),
                matching = suite.url("matching");
        AtomicInteger checked = new AtomicInteger();
        // every outbox drained
        awaitTrue("every outbox drained", () -> unpublished().values().stream().allMatch(n -> n == 0), () -> "unpublished " + unpublishedOrError());
        checked.addAndGet(4);
        // the sessions' KPIs, from the telemetry sent
        Map<Integer, BigDecimal> sessionGmv = new TreeMap<>();
        for (int k = 0; k < 2; k++) {
            Telemetry sent = telemetrySent.get(k);
            JsonPath kpis = client.await("session " + k + "'s KPIs equal the telemetry sent", ops, session + "/sessions/" + sessions.get(k) + "/kpis",
                    j -> money(j, "gmv").compareTo(sent.gmv) == 0 && j.getInt("orders") == sent.orders && j.getInt("uv") == sent.viewers);
            assertEquals(sent.buyers, kpis.getInt("buyers"), kpis.prettify());
            assertEquals(0, sent.spend.compareTo(money(kpis, "spendByChannel.PAID_PROMOTION")), kpis.prettify());
            sessionGmv.put(k, sent.gmv);
            checked.addAndGet(5);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int index = 0; index < loaded.size(); index++) {
            int i = index;
            String m = loaded.get(i);
            BigDecimal imported = ledgerSent.get(m);
            int entries = ledgerEntriesSent.get(m).get();
            BigDecimal ended = i < 2 ? sessionGmv.get(i) : BigDecimal.ZERO;
            client.await("merchant " + m + "'s 2020 ledger equals the imports sent (" + imported + ", " + entries + " entries)", ops, merchant + "/merchants/" + m + "/gmv?from=2020-01-01&to=2020-12-31",
                    j -> money(j, "totalGmv").compareTo(imported) == 0);
            if (i < 2) {
                // SessionEnded lands in the ledger of the session's day (started and ended today, or yesterday if run at midnight)
                client.await("merchant " + m + "'s ledger has its session's GMV", ops,
                        merchant + "/merchants/" + m + "/gmv?from=" + today.minusDays(1) + "&to=" + today.plusDays(1),
                        j -> money(j, "totalGmv").compareTo(ended) == 0);
            }
            client.await("matching's read model of " + m + ": every entry once (" + (entries + (i < 2 ? 1 : 0)) + ", " + imported.add(ended) + ")", ops, matching + "/read-models/merchants/" + m,
                    j -> j.getInt("ledgerEntries") == entries + (i < 2 ? 1 : 0) && money(j, "ledgerGmv").compareTo(imported.add(ended)) == 0);
            checked.addAndGet(3 + entries);
        }
        // the operators' session stats (session-events -> provider-service)
        for (int k = 0; k < 2; k++) {
            Telemetry sent = telemetrySent.get(k);
            client.await("operator " + k + "'s session stats", ops, provider + "/providers/" + p2 + "/operators/" + operators.get(k),
                    j -> j.getInt("sessionsRun") == 1 && money(j, "sessionGmv").compareTo(sent.gmv) == 0
                            && money(j, "adSpend").compareTo(sent.spend) == 0);
            checked.addAndGet(3);
        }
        // the served GMV and tier (engagement-events -> provider-service -> provider-events -> matching)
        client.await("p1 HUNDRED_MILLION with 150,000,000 served", ops, provider + "/providers/" + p1,
                j -> "HUNDRED_MILLION".equals(j.getString("tier")) && money(j, "servedGmv12m").compareTo(DURING) == 0);
        client.await("p2 without a tier", ops, provider + "/providers/" + p2, j -> "NONE".equals(j.getString("tier")));
        client.await("windmaker: one HUNDRED_MILLION provider", ops, provider + "/programs/windmaker",
                j -> j.getInt("tiers.find { it.level == 'HUNDRED_MILLION' }.providers") == 1);
        client.await("matching's read model of p1: tier, capacity back, served GMV", ops, matching + "/read-models/providers/" + p1,
                j -> "HUNDRED_MILLION".equals(j.getString("tier")) && j.getInt("held") == 0 && money(j, "servedGmv12m").compareTo(DURING) == 0);
        client.await("matching's read model of m1: 3 ledger entries", ops, matching + "/read-models/merchants/" + m1,
                j -> j.getInt("ledgerEntries") == 3 && money(j, "ledgerGmv").compareTo(new BigDecimal("159000000.00")) == 0);
        checked.addAndGet(8);
        // nothing created twice
        assertEquals(4, client.get(ops, merchant + "/merchants?size=1").getInt("total"), "merchants");
        assertEquals(2, client.get(ops, provider + "/providers?size=1").getInt("total"), "providers");
        assertEquals(2, client.get(ops, provider + "/providers/" + p1 + "/operators").getInt("total"), "p1's operators");
        assertEquals(3, client.get(ops, provider + "/providers/" + p2 + "/operators").getInt("total"), "p2's operators");
        assertEquals(2, client.get(ops, session + "/sessions?size=1").getInt("total"), "sessions");
        assertEquals(1, client.get(ops, merchant + "/merchants/" + m1 + "/service-requests").getInt("total"), "service requests");
        JsonPath engagements = client.get(ops, matching + "/engagements?size=50");
        assertEquals(List.of(engagementId), engagements.getList("items.id"), engagements.prettify());
        checked.addAndGet(7);
        // every dead-letter topic empty, and the outboxes still drained
        Map<String, Long> dead = deadLetters();
        assertEquals(0L, dead.values().stream().mapToLong(Long::longValue).sum(), "dead letters: " + dead);
        assertTrue(unpublished().values().stream().allMatch(n -> n == 0), "unpublished " + unpublished());
        checked.addAndGet(DLQS.size() + 4);
        return checked.get();
    }

    private static void awaitTrue(String what, java.util.concurrent.Callable<Boolean> probe, java.util.function.Supplier<String> last)
            throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!probe.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + CONVERGE.toSeconds() + " s: " + what + "; " + last.get());
            }
            Thread.sleep(250);
        }
    }

    private static String unpublishedOrError() {
        try {
            return unpublished().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Unpublished outbox rows ({@code sent_at is null}) per database of this suite. */
    private static Map<String, Long> unpublished() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String db : suite.databaseNames()) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from outbox_event where sent_at is null")) {
                rs.next();
                counts.put(db, rs.getLong(1));
            }
        }
        return counts;
    }

    /** Records on each dead-letter topic, read with a consumer from the beginning (a topic never created holds none). */
    private static Map<String, Long> deadLetters() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + suite.kafkaPort);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
            for (String dlq : DLQS) {
                List<PartitionInfo> partitions = topics.get(dlq);
                if (partitions == null) {
                    counts.put(dlq, 0L);
                    continue;
                }
                List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(dlq, p.partition())).toList();
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                long n = 0;
                Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                    n += consumer.poll(Duration.ofMillis(500)).count();
                }
                counts.put(dlq, n + tps.stream().mapToLong(tp -> end.get(tp) - consumer.position(tp)).sum());
            }
        }
        return counts;
    }

    private static void table(long loadSeconds, long convergeSeconds, int checked) {
        StringBuilder t = new StringBuilder("\n[e2e] fault injection: load %d s, converged %d s after the load\n".formatted(loadSeconds, convergeSeconds));
        t.append("| fault injected | detail | recovered in |\n| --- | --- | --- |\n");
        faults.forEach(f -> t.append("| ").append(f[0]).append(" | ").append(f[1]).append(" | ").append(f[2]).append(" |\n"));
        t.append("\n| requests | count |\n| --- | --- |\n");
        client.sent.forEach((k, v) -> t.append("| ").append(k).append(" | ").append(v.sum()).append(" |\n"));
        t.append("| attempts (with retries) | ").append(client.attempts.sum()).append(" |\n");
        client.statuses.forEach((k, v) -> t.append("| answer ").append(k == -1 ? "connection error/timeout" : k).append(" | ")
                .append(v.sum()).append(" |\n"));
        long telemetryEvents = telemetrySent.values().stream().mapToLong(x -> x.events).sum();
        long ledgerEntries = ledgerEntriesSent.values().stream().mapToLong(AtomicInteger::get).sum();
        t.append("| ledger entries sent (sourceId) | ").append(ledgerEntries).append(" |\n");
        t.append("| telemetry events sent (eventId) | ").append(telemetryEvents).append(" |\n");
        t.append("| figures checked equal | ").append(checked).append(" |\n");
        Suite.log("%s", t); // on the console and in run/e2e.log
    }

    // -------------------------------------------------------------------------------------------------- helpers

    static String provider(String application, int certifiedOperators, List<String> operatorIds) throws Exception {
        String url = suite.url("provider");
        String id = client.create("provider", ops, url + "/providers", application);
        for (int i = 0; i < certifiedOperators; i++) {
            String op = client.create("operator", ops, url + "/providers/" + id + "/operators", """
                    {"name": "Fault operator %d", "specialties": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "certified": true,
                     "evidence": "fault test: platform operator exam passed"}""".formatted(i + 1));
            if (operatorIds != null) {
                operatorIds.add(op);
            }
        }
        JsonPath reviewed = client.ok("review", ops, "POST", url + "/providers/" + id + "/review", "{}", null);
        assertEquals("ADMITTED", reviewed.getString("status"), reviewed.prettify());
        return id;
    }

    static BigDecimal money(JsonPath json, String path) {
        Object value = json.get(path);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    /**
     * An HTTP client that retries as a real one does: on 503, on a connection error or a timeout, with backoff (0.2 s doubling
     * to 3 s), the same body and Idempotency-Key, for at most 4 minutes. It counts the requests and every answer by status.
     */
    static final class Client {
        static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final LongAdder attempts = new LongAdder();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

        String create(String what, String token, String url, String body) throws Exception {
            return send(what, token, "POST", url, body, null, "fault-" + what + "-" + UUID.nameUUIDFromBytes((url + body).getBytes()),
                    s -> s == 201).getString("id");
        }

        JsonPath ok(String what, String token, String method, String url, String body, String contentType) throws Exception {
            return send(what, token, method, url, body, contentType, null, s -> s == 200 || s == 202);
        }

        JsonPath get(String token, String url) throws Exception {
            return send("read", token, "GET", url, null, null, null, s -> s == 200);
        }

        /** A state transition; after an answer that was lost, its retry may find it done (409): then the resource tells. */
        JsonPath transition(String token, String resource, String action, String body, String status) throws Exception {
            JsonPath answer = send("transition", token, "POST", resource + action, body, null, null, s -> s == 200 || s == 409);
            if (answer.get("status") != null && status.equals(answer.getString("status"))) {
                return answer;
            }
            JsonPath now = get(token, resource);
            assertEquals(status, now.getString("status"), "after " + action + ": " + now.prettify());
            return now;
        }

        /** Polls a GET until {@code done} holds (retrying errors as any read), within {@link #CONVERGE}. */
        JsonPath await(String what, String token, String url, Predicate<JsonPath> done) throws Exception {
            long deadline = System.nanoTime() + CONVERGE.toNanos();
            JsonPath last;
            do {
                last = get(token, url);
                if (done.test(last)) {
                    return last;
                }
                Thread.sleep(250);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("not within " + CONVERGE.toSeconds() + " s: " + what + "; last answer: " + last.prettify());
        }

        JsonPath send(String what, String token, String method, String url, String body, String contentType, String idempotencyKey,
                      Predicate<Integer> expected) throws Exception {
            sent.computeIfAbsent(what, k -> new LongAdder()).increment();
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            long backoff = 200;
            String last = "";
            while (true) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                if (body != null) {
                    request.header("Content-Type", contentType == null ? "application/json" : contentType);
                }
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                attempts.increment();
                int status;
                try {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    last = response.body();
                    if (expected.test(status)) {
                        count(status);
                        // money read exactly (the default reads JSON numbers as float: 2703579.75 became 2703579.8)
                        return JsonPath.from(last.isEmpty() ? "{}" : last).using(EXACT);
                    }
                } catch (IOException e) {
                    status = -1;
                    last = e.toString();
                }
                count(status);
                if (status != 503 && status != -1) {
                    // a real client retries nothing else; the test keeps going so it can report every such answer
                    unexpected.add(method + " " + url + " -> " + status + ": " + last);
                    if (status != 500 && status != 401) {
                        throw new AssertionError(method + " " + url + " (" + what + ") answered " + status + ": " + last);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(method + " " + url + " (" + what + ") still failing after 240 s: " + status + " " + last);
                }
                Thread.sleep(backoff);
                backoff = Math.min(3000, backoff * 2);
            }
        }

        private void count(int status) {
            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        }
    }
}
