package com.livecommerce.matching.engagement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.matching.Events;
import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /engagements/imports}: an engagement that already happened is recorded COMPLETED with the outcome
 * measured from the merchant's ledger, audited, published as the four lifecycle events every consumer credits, and
 * imported once per source reference; who may import and read the audit; what is refused and why.
 */
@QuarkusTest
class EngagementImportTest {

    static final Path SCHEMAS = Path.of("src/main/resources/events/engagement-events");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    Pool pool;

    /** A merchant whose ledger matching holds: 940,000 in April 2021, 1,598,000 in September 2021. */
    static UUID merchantWithLedger() {
        UUID m = Fixtures.merchant("CREATOR", "apparel", "Zhili, Huzhou");
        Events.gmv(m, "2021-04-15", "940000.00", "h1", "GROWING", 1);
        Events.gmv(m, "2021-09-15", "1598000.00", "h2", "GROWING", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/read-models/merchants/{id}", m).then().body("ledgerEntries", equalTo(2)));
        return m;
    }

    static String body(String reference, UUID merchant, UUID provider, String from, String to, String extra) {
        return """
                {"sourceReference": "%s", "merchantId": "%s", "providerId": "%s", "needs": ["LIVE_OPERATIONS", "CONTENT"], "term": 4,
                 "kpiCommitment": {"gmvTarget": 1500000.00}, "commissionBps": 800, "servedFrom": "%s", "servedTo": "%s",
                 "rating": {"results": 5, "communication": 4, "professionalism": 4}%s}""".formatted(reference, merchant, provider, from, to, extra);
    }

    static String reference() {
        return "legacy-crm:" + UUID.randomUUID();
    }

    static Response post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/engagements/imports");
    }

    @Test
    void anImportIsACompletedEngagementWithItsOutcomeFromTheLedgerPublishedAsTheLifecycle() throws Throwable {
        UUID m = merchantWithLedger();
        UUID p = Fixtures.provider("MCN", List.of("apparel"), List.of("Zhili, Huzhou"), List.of("LIVE_OPERATIONS", "CONTENT"), 1);
        String ref = reference();
        Response created = post(Tokens.admin(), body(ref, m, p, "2021-08-01", "2021-11-30", ", \"reportedOutcome\": {\"gmvDuring\": 1598000}"));
        created.then().statusCode(201)
                .body("sourceReference", equalTo(ref)).body("importedBy", equalTo("ops")).body("importedAt", notNullValue())
                .body("servedFrom", equalTo("2021-08-01")).body("servedTo", equalTo("2021-11-30"))
                .body("reportedOutcome.gmvDuring", equalTo(1598000)).body("reportedOutcome.gmvBefore", nullValue())
                .body("engagement.status", equalTo("COMPLETED")).body("engagement.version", equalTo(3))
                .body("engagement.importedFrom", equalTo(ref)).body("engagement.merchantId", equalTo(m.toString()))
                .body("engagement.needs", containsInAnyOrder("LIVE_OPERATIONS", "CONTENT")).body("engagement.term", equalTo(4))
                .body("engagement.commissionBps", equalTo(800)).body("engagement.campaignId", nullValue())
                .body("engagement.activatedAt", equalTo("2021-08-01T00:00:00Z")).body("engagement.endsOn", equalTo("2021-12-01"))
                .body("engagement.completedAt", equalTo("2021-11-30T23:59:59Z"))
                .body("engagement.rating.results", equalTo(5)).body("engagement.rating.professionalism", equalTo(4))
                // the outcome is the ledger's, by the live rule: 122 days served against the 122 days before
                .body("engagement.outcome.duringFrom", equalTo("2021-08-01")).body("engagement.outcome.duringTo", equalTo("2021-11-30"))
                .body("engagement.outcome.beforeFrom", equalTo("2021-04-01")).body("engagement.outcome.beforeTo", equalTo("2021-07-31"))
                .body("engagement.outcome.gmvBefore", equalTo(940000.00f)).body("engagement.outcome.gmvDuring", equalTo(1598000.00f))
                .body("engagement.outcome.uplift", equalTo(0.7f)).body("engagement.outcome.kpiCommitmentMet", equalTo(true))
                .body("engagement.outcome.bandBefore", equalTo(0)).body("engagement.outcome.bandAfter", equalTo(1))
                .body("engagement.outcome.leap", equalTo(true));
        String id = created.jsonPath().getString("engagement.id");
        assertTrue(created.header("Location").endsWith("/engagements/" + id), created.header("Location"));

        // the same engagements list every engagement is in, readable by its parties
        given().auth().oauth2(Tokens.merchant(m)).get("/engagements/{id}", id).then().statusCode(200)
                .body("importedFrom", equalTo(ref)).body("status", equalTo("COMPLETED"));
        given().auth().oauth2(Tokens.provider(p)).queryParam("status", "COMPLETED").get("/engagements").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(Tokens.viewer()).queryParam("sourceReference", ref).get("/engagements/imports").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].engagement.id", equalTo(id)).body("items[0].importedBy", equalTo("ops"));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m.toString()).get("/engagements/imports").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].sourceReference", equalTo(ref)).body("items[0].engagement.id", equalTo(id));
        // capacity is held only from acceptance to completion: an import holds none
        given().auth().oauth2(Tokens.admin()).get("/read-models/providers/{id}", p).then().body("held", equalTo(0))
                .body("remainingCapacity", equalTo(1));

        List<String> types = List.of("EngagementProposed", "EngagementAccepted", "EngagementActivated", "EngagementCompleted");
        List<String> statuses = List.of("PROPOSED", "ACCEPTED", "ACTIVE", "COMPLETED");
        try (TopicProbe probe = TopicProbe.from(Events.bootstrap(), "engagement-events")) {
            List<ConsumerRecord<String, String>> mine = probe.await(r -> id.equals(r.key()), 4, Duration.ofSeconds(30));
            for (int i = 0; i < types.size(); i++) {
                ConsumerRecord<String, String> r = mine.get(i);
                assertEquals(types.get(i), TopicProbe.header(r, "ce_type"), "the lifecycle in order");
                assertEquals("/matching-service", TopicProbe.header(r, "ce_source"));
                List<String> violations = EventSchemas.violations(EventSchemas.fromFile(SCHEMAS.resolve(types.get(i) + ".schema.json")), r.value());
                assertTrue(violations.isEmpty(), r.value() + " violates its schema: " + violations);
                JsonNode data = JSON.readTree(r.value());
                assertEquals(i, data.path("version").asInt());
                assertEquals(statuses.get(i), data.path("status").asText());
                assertEquals(ref, data.path("importedFrom").asText());
                assertEquals("2021-08-01T00:00:00Z", data.path("proposedAt").asText());
            }
            JsonNode completed = JSON.readTree(mine.get(3).value());
            assertEquals("2021-11-30T23:59:59Z", completed.path("completedAt").asText());
            assertTrue(completed.path("outcome").path("leap").asBoolean());
            assertEquals(0, new java.math.BigDecimal("1598000").compareTo(completed.path("outcome").path("gmvDuring").decimalValue()));
            assertEquals(5, completed.path("rating").path("results").asInt());
            assertEquals("null", JSON.readTree(mine.get(2).value()).path("completedAt").asText("null"), "ACTIVE has no completion yet");
        }
        assertEquals(4, outboxRows(id));
    }

    @Test
    void theSameImportAgainCreatesNothingAndAnotherUnderItsReferenceIs409() throws Throwable {
        UUID m = merchantWithLedger();
        UUID p = Fixtures.provider(1);
        String ref = reference();
        String first = body(ref, m, p, "2021-08-01", "2021-11-30", "");
        String id = post(Tokens.admin(), first).then().statusCode(201).extract().path("engagement.id");
        // the same engagement written differently (fields and needs in another order, money with other zeros)
        String same = """
                {"sourceReference": "%s", "merchantId": "%s", "providerId": "%s", "needs": ["CONTENT", "LIVE_OPERATIONS"], "term": 4,
                 "kpiCommitment": {"gmvTarget": "1500000"}, "commissionBps": 800, "servedFrom": "2021-08-01", "servedTo": "2021-11-30",
                 "rating": {"professionalism": 4, "communication": 4, "results": 5}}""".formatted(ref, m, p);
        for (String retry : List.of(first, same)) {
            post(Tokens.admin(), retry).then().statusCode(200).header("Location", endsWith("/engagements/" + id))
                    .body("engagement.id", equalTo(id)).body("engagement.version", equalTo(3));
        }
        // another engagement under a reference already used
        post(Tokens.admin(), body(ref, m, p, "2021-08-01", "2021-10-31", "")).then().spec(Problems.of(409, "conflict"))
                .body("detail", containsString(id));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m.toString()).get("/engagements").then()
                .body("total", equalTo(1));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m.toString()).get("/engagements/imports").then()
                .body("total", equalTo(1));
        assertEquals(4, outboxRows(id), "a retry publishes nothing");
    }

    @Test
    void concurrentImportsCreateOneEngagementForOneReferenceAndForOverlappingDays() throws Exception {
        UUID m = merchantWithLedger();
        UUID p = Fixtures.provider(1);
        String request = body(reference(), m, p, "2021-08-01", "2021-11-30", "");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> post(Tokens.admin(), request));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
                ids.add(f.get().jsonPath().getString("engagement.id"));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, ids.stream().distinct().count(), ids.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m.toString()).get("/engagements").then().body("total", equalTo(1));

        // other references, overlapping days of one merchant and provider, at once: one is recorded, the others are 409
        UUID m2 = merchantWithLedger();
        ExecutorService more = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (String[] days : List.of(new String[] {"2021-08-01", "2021-11-30"}, new String[] {"2021-09-01", "2021-10-31"},
                    new String[] {"2021-07-01", "2021-09-30"})) {
                String other = body(reference(), m2, p, days[0], days[1], "");
                calls.add(() -> post(Tokens.admin(), other));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : more.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
            assertEquals(List.of(201, 409, 409), statuses.stream().sorted().toList(), statuses.toString());
        } finally {
            more.shutdownNow();
        }
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m2.toString()).get("/engagements").then().body("total", equalTo(1));
    }

    @Test
    void aReportedOutcomeThatDisagreesWithTheLedgerIsRefused() {
        UUID m = merchantWithLedger();
        UUID p = Fixtures.provider(1);
        String ref = reference();
        post(Tokens.admin(), body(ref, m, p, "2021-08-01", "2021-11-30",
                ", \"reportedOutcome\": {\"gmvBefore\": 940000.00, \"gmvDuring\": 2000000.00, \"leap\": false}"))
                .then().spec(Problems.of(422, "validation"))
                .body("errors.field", containsInAnyOrder("reportedOutcome.gmvDuring", "reportedOutcome.leap"))
                .body("errors.find { it.field == 'reportedOutcome.gmvDuring' }.message", containsString("1598000.00"));
        given().auth().oauth2(Tokens.admin()).queryParam("sourceReference", ref).get("/engagements/imports").then().body("total", equalTo(0));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m.toString()).get("/engagements").then().body("total", equalTo(0));
        // the figures the ledger gives are accepted, and kept in the audit
        post(Tokens.admin(), body(ref, m, p, "2021-08-01", "2021-11-30",
                ", \"reportedOutcome\": {\"gmvBefore\": 940000, \"gmvDuring\": 1598000.00, \"leap\": true}"))
                .then().statusCode(201).body("reportedOutcome.gmvBefore", equalTo(940000)).body("reportedOutcome.leap", equalTo(true));
    }

    @Test
    void whatCannotBeImported() {
        UUID m = merchantWithLedger();
        UUID p = Fixtures.provider(1);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{}").post("/engagements/imports").then()
                .spec(Problems.of(422, "validation")).body("errors.field", containsInAnyOrder("sourceReference", "merchantId", "providerId",
                        "needs", "commissionBps", "servedFrom", "servedTo", "rating"));
        post(Tokens.admin(), body("has spaces", m, p, "2021-08-01", "2021-11-30", "")).then().spec(Problems.of(422, "validation"))
                .body("errors[0].field", equalTo("sourceReference"));
        post(Tokens.admin(), body("x".repeat(201), m, p, "2021-08-01", "2021-11-30", "")).then().spec(Problems.of(422, "validation"))
                .body("errors.field", hasItem("sourceReference"));
        post(Tokens.admin(), body(reference(), m, p, "2021-11-30", "2021-08-01", "")).then().spec(Problems.of(422, "validation"))
                .body("errors[0].field", equalTo("servedTo"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", today, "")).then().spec(Problems.of(422, "validation"))
                .body("errors[0].field", equalTo("servedTo"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", "2021-11-30", "").replace("\"term\": 4", "\"term\": 2"))
                .then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("term"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", "2021-11-30", "").replace("\"results\": 5", "\"results\": 6"))
                .then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("rating.results"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", "2021-11-30", ", \"reportedOutcome\": {\"gmvDuring\": 1.234}"))
                .then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("reportedOutcome.gmvDuring"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", "2021-11-30", "").replace("CONTENT", "DANCING"))
                .then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("needs[1]"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", "2021-13-30", "")).then().spec(Problems.of(400, "invalid-field"))
                .body("errors[0].field", equalTo("servedTo"));
        post(Tokens.admin(), "{\"sourceReference\": ").then().spec(Problems.of(400, "malformed-json"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.TEXT).body("x").post("/engagements/imports").then()
                .spec(Problems.of(415, "unsupported-media-type"));
        // rules: a known merchant and provider, the ledger of the served days recorded first, no double-counted days
        post(Tokens.admin(), body(reference(), UUID.randomUUID(), p, "2021-08-01", "2021-11-30", "")).then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("merchantId"));
        post(Tokens.admin(), body(reference(), m, UUID.randomUUID(), "2021-08-01", "2021-11-30", "")).then()
                .spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("providerId"));
        post(Tokens.admin(), body(reference(), m, p, "2021-05-01", "2021-08-31", "")).then()
                .spec(Problems.of(422, "validation")).body("detail", containsString("record it first"));
        post(Tokens.admin(), body(reference(), m, p, "2021-08-01", "2021-11-30", "")).then().statusCode(201);
        post(Tokens.admin(), body(reference(), m, p, "2021-09-01", "2021-12-31", "")).then().spec(Problems.of(409, "conflict"))
                .body("detail", containsString("already covers"));
        // another provider may have served the merchant over the same days
        post(Tokens.admin(), body(reference(), m, Fixtures.provider(1), "2021-09-01", "2021-12-31", "")).then().statusCode(201);
        given().auth().oauth2(Tokens.admin()).queryParam("sourceReference", "legacy-crm:nothing-here").get("/engagements/imports").then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.admin()).queryParam("providerId", "nope").get("/engagements/imports").then()
                .spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("providerId"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "1000").get("/engagements/imports").then().spec(Problems.of(422, "validation"));
    }

    @Test
    void onlyPlatformAdminImportsAndOnlyStaffReadTheAudit() {
        UUID m = merchantWithLedger();
        UUID p = Fixtures.provider(1);
        UUID other = Fixtures.merchant();
        String ref = reference();
        String request = body(ref, m, p, "2021-08-01", "2021-11-30", "");
        given().contentType(ContentType.JSON).body(request).post("/engagements/imports").then().spec(Problems.of(401, "unauthorized"));
        given().get("/engagements/imports").then().spec(Problems.of(401, "unauthorized"));
        // not the merchant or the provider it is about (their own engagement: 403), not another tenant, not a viewer
        for (String token : List.of(Tokens.merchant(m), Tokens.provider(p), Tokens.merchant(other), Tokens.viewer(),
                Tokens.operator(p, UUID.randomUUID()), Tokens.telemetryWriter())) {
            post(token, request).then().spec(Problems.of(403, "forbidden"));
        }
        given().auth().oauth2(Tokens.admin()).queryParam("sourceReference", ref).get("/engagements/imports").then().body("total", equalTo(0));
        String id = post(Tokens.admin(), request).then().statusCode(201).extract().path("engagement.id");
        // the audit is staff's: platform-admin and viewer read it, no tenant does
        for (String token : List.of(Tokens.merchant(m), Tokens.provider(p), Tokens.merchant(other))) {
            given().auth().oauth2(token).queryParam("sourceReference", ref).get("/engagements/imports").then().spec(Problems.of(403, "forbidden"));
            given().auth().oauth2(token).get("/engagements/imports").then().spec(Problems.of(403, "forbidden"));
        }
        given().auth().oauth2(Tokens.viewer()).get("/engagements/imports").then().statusCode(200).body("items.sourceReference", hasItem(ref));
        // the engagement itself follows the engagements' rules: its parties read it, another merchant does not
        given().auth().oauth2(Tokens.provider(p)).get("/engagements/{id}", id).then().statusCode(200);
        given().auth().oauth2(Tokens.merchant(other)).get("/engagements/{id}", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(other)).queryParam("merchantId", m.toString()).get("/engagements").then()
                .spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(other)).get("/engagements").then().statusCode(200).body("items", hasSize(0));
    }

    private long outboxRows(String engagementId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("select count(*) from outbox_event where event_key = $1")
                .execute(Tuple.of(engagementId)).map(rows -> rows.iterator().next().getLong(0)));
    }
}
