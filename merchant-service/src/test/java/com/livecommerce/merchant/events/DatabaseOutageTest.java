package com.livecommerce.merchant.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.InjectDatabaseProxy;
import com.livecommerce.testsupport.TcpProxy;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL becomes unreachable: readiness goes DOWN, a write answers 503 problem+json (not a 500)
 * and leaves nothing behind, and events that arrive meanwhile wait instead of going to the
 * dead-letter topic; when it is back, readiness is UP, writes work and every event is applied once.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1)
class DatabaseOutageTest {

    static final String MERCHANT = """
            {"name": "During Outage", "kind": "BRAND", "category": "apparel", "region": "Hangzhou", "followers": 1, "trustRights": false}""";
    static final Path SESSION_ENDED_SCHEMA = Path.of("../session-service/src/main/resources/events/session-events/SessionEnded.schema.json");
    static final String DLQ = "merchant-service.session-events.dlq";

    @InjectDatabaseProxy
    TcpProxy database;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private void sessionEnded(UUID merchant, UUID session, String date, String gmv) {
        ObjectNode event = (ObjectNode) EventSchemas.examples(SESSION_ENDED_SCHEMA).get(0).deepCopy();
        event.put("merchantId", merchant.toString()).put("sessionId", session.toString()).put("date", date).put("gmv", gmv);
        TopicProbe.sendCloudEvent(bootstrap, "session-events", session.toString(), UUID.randomUUID().toString(), "SessionEnded",
                "/session-service", event.toString());
    }

    @Test
    void readinessFollowsTheDatabaseWritesFailCleanlyAndEventsWait() throws Exception {
        UUID merchant = Fixtures.merchant("Sells During Outage");
        String lostName = "Lost Write " + UUID.randomUUID();
        List<UUID> sessions = new ArrayList<>();
        database.cut();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body(containsString("Reactive PostgreSQL connections health check")));
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(MERCHANT.replace("During Outage", lostName))
                    .post("/merchants")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:livecommerce:problem:unavailable"));
            // good events arrive while the database is away: they must wait, not be dead-lettered
            for (int i = 0; i < 5; i++) {
                UUID session = UUID.randomUUID();
                sessions.add(session);
                sessionEnded(merchant, session, "2025-11-2" + i, "1000.0" + i);
            }
            Thread.sleep(12_000); // longer than any fixed retry budget would last
        } finally {
            database.restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(MERCHANT)
                .post("/merchants").then().statusCode(201);

        // every event applied once after the restore
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .queryParam("from", "2025-11-01").queryParam("to", "2025-11-30")
                .get("/merchants/{id}/gmv", merchant)
                .then().statusCode(200).body("totalGmv", equalTo(5000.10f)).body("points.size()", equalTo(5)));
        try (TopicProbe dlq = TopicProbe.from(bootstrap, DLQ)) {
            assertEquals(List.of(), dlq.drain(r -> sessions.stream().anyMatch(s -> s.toString().equals(r.key())), Duration.ofSeconds(3)),
                    "no good event was dead-lettered");
        }
        // the refused write left nothing behind: no merchant row, no outbox row
        long rows = pool.preparedQuery("select (select count(*) from merchant where name = $1)"
                + " + (select count(*) from outbox_event where payload->>'name' = $1)").execute(Tuple.of(lostName))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, rows, "nothing of the refused write was kept");
    }
}
