package com.livecommerce.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Safe retries of one create, the same check for every create of every service ({@code Idempotency-Key}): the same key
 * and body twice give the first answer (status, {@code Location}, body) and one resource, one set of events; the key
 * with another body is a 422 {@code idempotency-key-reused} that creates nothing; two requests with a new key at the
 * same moment create once and answer alike.
 */
public final class IdempotentCreates {

    private IdempotentCreates() {
    }

    /**
     * @param token  the caller's token
     * @param path   the create's path
     * @param body   request body n (0: the first create, 1: another body for its key, 2: the concurrent pair's)
     * @param rows   how many rows the resource with the given id (the last segment of {@code Location}) has: 1 expected
     * @param events how many outbox rows were written for it (unchanged by a replay; the same for the concurrent pair)
     */
    public static void check(String token, String path, IntFunction<String> body, ToLongFunction<String> rows,
            ToLongFunction<String> events) {
        String key = "retry-" + UUID.randomUUID();
        Response first = post(token, path, key, body.apply(0));
        assertTrue(first.statusCode() == 201 || first.statusCode() == 202, path + " created: " + first.asString());
        assertNull(first.header("Idempotency-Replayed"));
        String id = id(first);
        assertEquals(1, rows.applyAsLong(id), "one resource");
        long published = events.applyAsLong(id);

        Response again = post(token, path, key, body.apply(0));
        assertEquals(first.statusCode(), again.statusCode(), again.asString());
        assertEquals("true", again.header("Idempotency-Replayed"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(first.jsonPath().getMap("$"), again.jsonPath().getMap("$"), "the first answer's body");
        assertEquals(1, rows.applyAsLong(id), "nothing created by the retry");
        assertEquals(published, events.applyAsLong(id), "nothing published by the retry");

        post(token, path, key, body.apply(1)).then().spec(Problems.of(422, "idempotency-key-reused"));

        Response ra = concurrentPair(token, path, body.apply(2));
        assertEquals(first.statusCode(), ra.statusCode(), ra.asString());
        String pairId = id(ra);
        assertEquals(1, rows.applyAsLong(pairId));
        assertEquals(published, events.applyAsLong(pairId), "the pair published what one create does");
    }

    /** Two requests with one new key at the same moment: both answer alike with one {@code Location}; returns one of them. */
    public static Response concurrentPair(String token, String path, String body) {
        String key = "retry-" + UUID.randomUUID();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> awaitThenPost(go, token, path, key, body));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> awaitThenPost(go, token, path, key, body));
        go.countDown();
        Response ra = a.join();
        Response rb = b.join();
        assertEquals(ra.statusCode(), rb.statusCode(), ra.asString() + " / " + rb.asString());
        assertEquals(ra.header("Location"), rb.header("Location"), "one resource for the pair");
        assertEquals(ra.jsonPath().getMap("$"), rb.jsonPath().getMap("$"), "one answer for the pair");
        return ra;
    }

    public static String id(Response created) {
        String location = created.header("Location");
        assertTrue(location != null, "Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Response awaitThenPost(CountDownLatch go, String token, String path, String key, String body) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return post(token, path, key, body);
    }

    public static Response post(String token, String path, String key, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(path);
    }
}
