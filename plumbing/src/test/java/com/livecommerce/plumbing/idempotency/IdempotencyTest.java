package com.livecommerce.plumbing.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Safe retries ({@link Idempotency}) on the test app's create (a row and its outbox event in one transaction). */
@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool pool;

    @Inject
    IdempotencyRetention retention;

    private static Response post(String token, String key, String body) {
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post("/test/widgets");
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(List.of(args))).await().indefinitely().iterator().next().getLong(0);
    }

    private long rows(String name) {
        return count("select count(*) from test_effect where source = 'widget' and note = $1", name);
    }

    private long events(String name) {
        return count("select count(*) from outbox_event where type = 'WidgetCreated' and payload->>'name' = $1", name);
    }

    @Test
    void sameKeySameBodyAnswersTheFirstAnswerAndCreatesNothingMore() {
        String name = "w-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"" + name + "\"}";
        Response first = post(Tokens.admin(), key, body);
        first.then().statusCode(201).header("Idempotency-Replayed", nullValue());
        // the same request again, the same JSON written otherwise (spacing, order): the first answer
        Response again = post(Tokens.admin(), key, "{ \"delayMillis\": null,\"name\":\"" + name + "\" }");
        again.then().statusCode(201).header("Idempotency-Replayed", equalTo("true")).contentType(ContentType.JSON);
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.jsonPath().getMap("$"), again.jsonPath().getMap("$"));
        assertEquals(1, rows(name));
        assertEquals(1, events(name), "a replayed create publishes nothing");

        // without a key: every POST creates
        String other = "w-" + UUID.randomUUID();
        post(Tokens.admin(), null, "{\"name\": \"" + other + "\"}").then().statusCode(201);
        post(Tokens.admin(), null, "{\"name\": \"" + other + "\"}").then().statusCode(201);
        assertEquals(2, rows(other));
    }

    @Test
    void sameKeyAnotherBodyIs422AndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String name = "w-" + UUID.randomUUID();
        post(Tokens.admin(), key, "{\"name\": \"" + name + "\"}").then().statusCode(201);
        post(Tokens.admin(), key, "{\"name\": \"" + name + "-changed\"}").then().spec(Problems.of(422, "idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(0, rows(name + "-changed"));
        // a key longer than 255 characters, or empty: 422 naming the header
        post(Tokens.admin(), "k".repeat(256), "{\"name\": \"x\"}").then().spec(Problems.of(422, "validation"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void keysAreThoseOfTheirCaller() {
        String key = UUID.randomUUID().toString();
        String name = "w-" + UUID.randomUUID();
        String otherAdmin = Tokens.token("ops-2", Set.of(Tokens.PLATFORM_ADMIN), Map.of());
        Response mine = post(Tokens.admin(), key, "{\"name\": \"" + name + "\"}");
        Response theirs = post(otherAdmin, key, "{\"name\": \"" + name + "\"}");
        mine.then().statusCode(201);
        theirs.then().statusCode(201).header("Idempotency-Replayed", nullValue());
        assertNotEquals(mine.header("Location"), theirs.header("Location"));
        assertEquals(2, rows(name));
    }

    @Test
    void aConcurrentSecondRequestWaitsForTheFirstAndAnswersTheSame() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "w-" + UUID.randomUUID();
        String body = "{\"name\": \"" + name + "\", \"delayMillis\": 1500}";
        ExecutorService pool2 = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> post(Tokens.admin(), key, body), pool2);
            Thread.sleep(300); // the first one holds its key's row, uncommitted, for 1.5 s
            CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> post(Tokens.admin(), key, body), pool2);
            Response ra = a.get();
            Response rb = b.get();
            ra.then().statusCode(201);
            rb.then().statusCode(201);
            assertEquals(ra.header("Location"), rb.header("Location"));
            assertEquals(ra.jsonPath().getString("id"), rb.jsonPath().getString("id"));
        } finally {
            pool2.shutdownNow();
        }
        assertEquals(1, rows(name));
        assertEquals(1, events(name));
    }

    @Test
    void aFailedCreateKeepsNoKeyAndTheRetryCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String name = "w-" + UUID.randomUUID();
        // the create fails after its writes (as a crash before the commit): its row, its event and its key roll back
        post(Tokens.admin(), key, "{\"name\": \"" + name + "\", \"fail\": true}").then().statusCode(409);
        assertEquals(0, count("select count(*) from idempotency_key where idem_key = $1", key));
        assertEquals(0, rows(name));
        post(Tokens.admin(), key, "{\"name\": \"" + name + "\"}").then().statusCode(201);
        post(Tokens.admin(), key, "{\"name\": \"" + name + "\"}").then().statusCode(201).header("Idempotency-Replayed", equalTo("true"));
        assertEquals(1, rows(name));
    }

    @Test
    void anAnswerStoredByAnotherInstanceIsReadFromTheDatabase() {
        // what an earlier instance (since restarted) committed: the key with its answer, nothing in this JVM's memory
        String key = UUID.randomUUID().toString();
        String name = "w-" + UUID.randomUUID();
        String body = "{\"name\": \"" + name + "\"}";
        Response first = post(Tokens.admin(), key, body);
        String subject = pool.preparedQuery("select subject from idempotency_key where idem_key = $1").execute(Tuple.of(key))
                .await().indefinitely().iterator().next().getString(0);
        String moved = UUID.randomUUID().toString();
        pool.preparedQuery("insert into idempotency_key (subject, idem_key, request_hash, status, location, body)"
                        + " select subject, $2, request_hash, status, location, body from idempotency_key where subject = $1 and idem_key = $3")
                .execute(Tuple.of(subject, moved, key)).await().indefinitely();
        // the hash covers method, path and body only: the copied row under another key answers a retry of the same request
        Response retry = post(Tokens.admin(), moved, body);
        retry.then().statusCode(201).header("Idempotency-Replayed", equalTo("true"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(1, rows(name));
    }

    @Test
    void keysExpireAfter24HoursAndThePurgeDeletesThem() {
        String key = UUID.randomUUID().toString();
        String name = "w-" + UUID.randomUUID();
        post(Tokens.admin(), key, "{\"name\": \"" + name + "\"}").then().statusCode(201);
        pool.preparedQuery("update idempotency_key set created_at = now() - interval '25 hours' where idem_key = $1")
                .execute(Tuple.of(key)).await().indefinitely();
        // an expired key is a new one: another body is accepted, not a 422
        post(Tokens.admin(), key, "{\"name\": \"" + name + "-later\"}").then().statusCode(201).header("Idempotency-Replayed", nullValue());
        String old = UUID.randomUUID().toString();
        pool.preparedQuery("insert into idempotency_key (subject, idem_key, request_hash, status, created_at)"
                + " values ('someone', $1, 'h', 201, now() - interval '25 hours')").execute(Tuple.of(old)).await().indefinitely();
        String fresh = UUID.randomUUID().toString();
        pool.preparedQuery("insert into idempotency_key (subject, idem_key, request_hash, status, created_at)"
                + " values ('someone', $1, 'h', 201, now() - interval '23 hours')").execute(Tuple.of(fresh)).await().indefinitely();
        retention.purge().await().indefinitely();
        assertEquals(0, count("select count(*) from idempotency_key where idem_key = $1", old));
        assertEquals(1, count("select count(*) from idempotency_key where idem_key = $1", fresh));
        assertEquals(1, count("select count(*) from idempotency_key where idem_key = $1", key), "the renewed key stays");
    }
}
