package com.livecommerce.provider.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.InjectDatabaseProxy;
import com.livecommerce.testsupport.TcpProxy;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL becomes unreachable: readiness goes DOWN, a write answers 503 problem+json (not a 500)
 * and leaves nothing behind (no provider, no outbox row); when it is back, readiness is UP and writes
 * work again. Runs second to last.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1)
class DatabaseOutageTest {

    @InjectDatabaseProxy
    TcpProxy database;

    @Inject
    Pool pool;

    @Test
    void readinessFollowsTheDatabaseAndWritesFailCleanly() {
        String category = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String lost = "Lost Write " + category;
        database.cut();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body(containsString("Reactive PostgreSQL connections health check")));
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Fixtures.application(lost, "MCN", category, 5, "10000000.00"))
                    .post("/providers")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("urn:livecommerce:problem:unavailable"));
        } finally {
            database.restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        // nothing was half-written: no provider, no event waiting in the outbox
        given().auth().oauth2(Tokens.admin()).queryParam("category", category).get("/providers")
                .then().statusCode(200).body("total", equalTo(0));
        assertEquals(0L, outboxRows(lost));

        String written = "Written After " + category;
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.application(written, "MCN", category, 5, "10000000.00"))
                .post("/providers").then().statusCode(201);
        given().auth().oauth2(Tokens.admin()).queryParam("category", category).get("/providers")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo(written));
        assertEquals(1L, outboxRows(written));
    }

    private long outboxRows(String providerName) {
        return pool.preparedQuery("select count(*) from outbox_event where type = 'ProviderApplied' and payload ->> 'name' = $1")
                .execute(Tuple.of(providerName)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
