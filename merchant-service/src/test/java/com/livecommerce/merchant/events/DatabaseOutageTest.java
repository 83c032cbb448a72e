package com.livecommerce.merchant.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.testsupport.InjectDatabaseProxy;
import com.livecommerce.testsupport.TcpProxy;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL becomes unreachable: readiness goes DOWN, a write answers 503 problem+json (not a 500)
 * and leaves nothing behind; when it is back, readiness is UP and writes work again.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1)
class DatabaseOutageTest {

    static final String MERCHANT = """
            {"name": "During Outage", "kind": "BRAND", "category": "apparel", "region": "Hangzhou", "followers": 1, "trustRights": false}""";

    @InjectDatabaseProxy
    TcpProxy database;

    @Test
    void readinessFollowsTheDatabaseAndWritesFailCleanly() {
        database.cut();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body(containsString("Reactive PostgreSQL connections health check")));
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(MERCHANT.replace("During Outage", "Lost Write"))
                    .post("/merchants")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("urn:livecommerce:problem:unavailable"));
        } finally {
            database.restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(MERCHANT)
                .post("/merchants").then().statusCode(201);
    }
}
