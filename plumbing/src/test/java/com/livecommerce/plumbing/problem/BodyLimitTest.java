package com.livecommerce.plumbing.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Per-endpoint body limits: a large-body path takes up to Quarkus' limit (2M here), every other path keeps
 * suite.http.body-limit (1M), with or without Content-Length; over the limit is a 413 problem.
 */
@QuarkusTest
class BodyLimitTest {

    static byte[] json(int bytes) {
        StringBuilder sb = new StringBuilder("{\"name\": \"");
        sb.append("x".repeat(Math.max(0, bytes - 40)));
        sb.append("\", \"lines\": [{\"amount\": 1, \"sku\": \"a\"}]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] lines(int bytes) {
        return "{\"a\":1}\n".repeat(bytes / 8).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anOrdinaryEndpointKeepsTheSmallerLimit() {
        given().contentType(ContentType.JSON).body(json(900_000)).post("/test/fields/order").then().statusCode(200);
        given().contentType(ContentType.JSON).body(json(1_500_000)).post("/test/fields/order")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:payload-too-large"))
                .body("detail", equalTo("the request body exceeds 1048576 bytes"));
    }

    @Test
    void aChunkedBodyToAnOrdinaryEndpointIsBoundedToo() {
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(json(900_000))).post("/test/fields/order")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(json(1_500_000))).post("/test/fields/order")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:payload-too-large"));
    }

    @Test
    void aLargeBodyPathTakesItsOwnLimit() {
        given().contentType("application/x-ndjson").body(lines(1_500_000)).post("/test/large/ndjson")
                .then().statusCode(200).body(equalTo("1500000"));
        given().contentType("application/x-ndjson").body(new ByteArrayInputStream(lines(1_500_000))).post("/test/large/ndjson")
                .then().statusCode(200).body(equalTo("1500000"));
        given().contentType("application/x-ndjson").body(lines(2_500_000)).post("/test/large/ndjson")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("the request body exceeds 2097152 bytes"));
    }
}
