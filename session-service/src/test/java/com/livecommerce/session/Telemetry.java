package com.livecommerce.session;

import static io.restassured.RestAssured.given;

import com.livecommerce.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Telemetry lines for tests, and sending them as the telemetry-writer would. */
public final class Telemetry {

    private Telemetry() {
    }

    public static String enter(String eventId, Instant time, String viewer) {
        return "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"%s\",\"time\":\"%s\",\"viewerId\":\"%s\"}".formatted(eventId, time, viewer);
    }

    public static String leave(String eventId, Instant time, String viewer) {
        return "{\"type\":\"VIEWER_LEAVE\",\"eventId\":\"%s\",\"time\":\"%s\",\"viewerId\":\"%s\"}".formatted(eventId, time, viewer);
    }

    public static String paid(String eventId, Instant time, String order, String buyer, boolean newBuyer, String product,
            String amount, String channel) {
        return ("{\"type\":\"ORDER_PAID\",\"eventId\":\"%s\",\"time\":\"%s\",\"orderId\":\"%s\",\"buyerId\":\"%s\",\"newBuyer\":%s,"
                + "\"productId\":\"%s\",\"amount\":%s,\"channel\":\"%s\"}").formatted(eventId, time, order, buyer, newBuyer, product, amount, channel);
    }

    public static String refund(String eventId, Instant time, String order, String amount) {
        return "{\"type\":\"ORDER_REFUNDED\",\"eventId\":\"%s\",\"time\":\"%s\",\"orderId\":\"%s\",\"amount\":%s}".formatted(eventId, time, order, amount);
    }

    public static String spend(String eventId, Instant time, String channel, String amount) {
        return "{\"type\":\"AD_SPEND\",\"eventId\":\"%s\",\"time\":\"%s\",\"channel\":\"%s\",\"amount\":\"%s\"}".formatted(eventId, time, channel, amount);
    }

    public static String reservation(String eventId, Instant time, String viewer) {
        return "{\"type\":\"RESERVATION\",\"eventId\":\"%s\",\"time\":\"%s\",\"viewerId\":\"%s\"}".formatted(eventId, time, viewer);
    }

    public static ValidatableResponse send(UUID session, List<String> lines) {
        return send(session, String.join("\n", lines) + "\n");
    }

    public static ValidatableResponse send(UUID session, String body) {
        return ndjson(Tokens.telemetryWriter()).body(body).post("/sessions/{id}/telemetry", session).then();
    }

    /** A request with an NDJSON body (RestAssured sends it as the UTF-8 text it is) and the bearer token, if any. */
    public static RequestSpecification ndjson(String token) {
        RequestSpecification spec = given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs(NDJSON, ContentType.TEXT).defaultCharsetForContentType("UTF-8", NDJSON)))
                .contentType(NDJSON);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    public static final String NDJSON = "application/x-ndjson";
}
