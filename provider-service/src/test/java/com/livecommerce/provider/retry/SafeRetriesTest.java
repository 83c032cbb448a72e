package com.livecommerce.provider.retry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.IdempotentCreates;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Safe retries (Idempotency-Key) of provider-service's creates: providers, operators, appeals. */
@QuarkusTest
class SafeRetriesTest {

    @Inject
    Pool pool;

    private long count(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private long events(String id) {
        return count("select count(*) from outbox_event where event_key = $1 or payload::text like '%' || $1 || '%'", id);
    }

    @Test
    void providers() {
        String tag = UUID.randomUUID().toString();
        IdempotentCreates.check(Tokens.admin(), "/providers", n -> Fixtures.application("Retry " + tag + "-" + n, "MCN", "apparel", 5, "100"),
                id -> count("select count(*) from provider where id = $1::uuid", id), this::events);
    }

    @Test
    void operators() {
        UUID provider = Fixtures.provider("Retries Operators", "MCN", "apparel", 5, "100");
        IdempotentCreates.check(Tokens.provider(provider), "/providers/" + provider + "/operators",
                n -> "{\"name\": \"Operator " + n + "\", \"specialties\": [\"AD_OPTIMIZATION\"]}",
                id -> count("select count(*) from operator where id = $1::uuid", id), this::events);
    }

    @Test
    void appeals() {
        // one appeal per decision: the first create and the concurrent pair appeal two different rejections' providers
        UUID first = Fixtures.provider("Retries Appeals", "MCN", "apparel", 5, "100");
        UUID second = Fixtures.provider("Retries Appeals Too", "MCN", "apparel", 5, "100");
        for (UUID p : new UUID[] {first, second}) {
            given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", p).then().body("status", equalTo("REJECTED"));
        }
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"reason\": \"our served GMV was under-reported\"}";
        var a = IdempotentCreates.post(Tokens.provider(first), "/providers/" + first + "/appeals", key, body);
        a.then().statusCode(201);
        var b = IdempotentCreates.post(Tokens.provider(first), "/providers/" + first + "/appeals", key, body);
        b.then().statusCode(201).header("Idempotency-Replayed", equalTo("true")).header("Location", equalTo(a.header("Location")))
                .body("id", equalTo(a.path("id")));
        IdempotentCreates.post(Tokens.provider(first), "/providers/" + first + "/appeals", key, "{\"reason\": \"another\"}")
                .then().statusCode(422).body("type", equalTo("urn:livecommerce:problem:idempotency-key-reused"));
        org.junit.jupiter.api.Assertions.assertEquals(1, count("select count(*) from appeal where provider_id = $1::uuid", first.toString()));
        // without the key, the second appeal of the same decision is the 409 it always was
        given().auth().oauth2(Tokens.provider(first)).contentType("application/json").body(body)
                .post("/providers/{id}/appeals", first).then().statusCode(409);
        // two at once with one key: one appeal, one answer (without the key the second would be the 409 above)
        var pair = IdempotentCreates.concurrentPair(Tokens.provider(second), "/providers/" + second + "/appeals", body);
        pair.then().statusCode(201);
        org.junit.jupiter.api.Assertions.assertEquals(1, count("select count(*) from appeal where provider_id = $1::uuid", second.toString()));
    }
}
