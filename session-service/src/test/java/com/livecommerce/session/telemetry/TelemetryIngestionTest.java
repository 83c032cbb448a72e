package com.livecommerce.session.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.session.Fixtures;
import com.livecommerce.session.Telemetry;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * POST /sessions/{id}/telemetry: each line accepted or rejected on its own, accepted lines in the topic (key =
 * session, as sent), the allowed lateness, roles, the telemetry body limit.
 */
@QuarkusTest
class TelemetryIngestionTest {

    static final Instant START = Instant.parse("2021-11-25T11:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    UUID liveSession() {
        Fixtures.now(START);
        UUID id = Fixtures.session(UUID.randomUUID(), null, null);
        Fixtures.start(id);
        Fixtures.now(START.plusSeconds(3600));
        return id;
    }

    @Test
    void goodLinesAreAcceptedAndBadOnesListedWithTheirReasons() {
        UUID id = liveSession();
        Instant t = START.plusSeconds(60);
        List<String> lines = List.of(
                Telemetry.enter("g-1", t, "v-1"),                                                      // 1 ok
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"g-2\",",                                      // 2 malformed
                "{\"type\":\"VIEWER_DANCE\",\"eventId\":\"g-3\",\"time\":\"" + t + "\",\"viewerId\":\"v\"}", // 3 unknown type
                Telemetry.paid("g-4", t, "o-1", "b-1", true, "p-1", "-5.00", "PAID_PROMOTION"),       // 4 negative
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"g-5\",\"time\":\"" + t + "\",\"viewerId\":\"v\",\"sessionId\":\""
                        + UUID.randomUUID() + "\"}",                                                     // 5 wrong session
                "",                                                                                      // 6 blank: no event
                Telemetry.paid("g-7", t, "o-2", "b-2", false, "p-1", "899.00", "ORGANIC"),            // 7 ok
                Telemetry.spend("g-8", t, "ORGANIC", "10.00"),                                         // 8 no ad money on ORGANIC
                Telemetry.paid("g-9", t, "o-3", "b-3", false, "p-1", "1.005", "FAN_BOOST"),           // 9 3 decimals
                "{\"type\":\"ORDER_REFUNDED\",\"eventId\":\"g-10\",\"time\":\"" + t + "\",\"amount\":1}",  // 10 no orderId
                "[1,2]",                                                                                 // 11 not an object
                "{\"type\":\"VIEWER_LEAVE\",\"eventId\":\"g-12\",\"time\":\"yesterday\",\"viewerId\":\"v\"}", // 12 bad time
                Telemetry.enter("g-13", START.minusSeconds(6), "v-2"),                                 // 13 before the start (beyond the 5 s skew)
                Telemetry.enter("g-14", Instant.parse("2021-11-25T13:00:00Z"), "v-2"),                 // 14 in the future
                "{\"type\":\"SESSION_CLOSE\",\"eventId\":\"g-15\",\"time\":\"" + t + "\"}",              // 15 not a writer's type
                Telemetry.spend("g-16", t, "FAN_BOOST", "2500.50"),                                    // 16 ok
                Telemetry.refund("g-17", t, "o-2", "\"abc\""),                                        // 17 amount not a number
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"g-18\",\"time\":\"" + t + "\",\"viewerId\":\"v\"} {}", // 18 two values
                Telemetry.reservation("g-19", t, "v-9"));                                              // 19 ok
        Telemetry.send(id, lines).statusCode(202)
                .body("accepted", equalTo(4))
                .body("rejected", equalTo(14))
                .body("rejectedLines.line", contains(2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18))
                .body("rejectedLines[0].reason", startsWith("malformed JSON"))
                .body("rejectedLines[1].reason", equalTo("unknown type 'VIEWER_DANCE'"))
                .body("rejectedLines[2].reason", equalTo("negative amount -5.00"))
                .body("rejectedLines[3].reason", containsString("is not this session"))
                .body("rejectedLines[4].reason", containsString("unknown channel 'ORGANIC' for AD_SPEND"))
                .body("rejectedLines[5].reason", containsString("more than 2 decimals"))
                .body("rejectedLines[6].reason", equalTo("orderId is required for ORDER_REFUNDED"))
                .body("rejectedLines[7].reason", equalTo("not a JSON object"))
                .body("rejectedLines[8].reason", containsString("not an ISO-8601 date-time"))
                .body("rejectedLines[9].reason", containsString("before the session started"))
                .body("rejectedLines[10].reason", containsString("in the future"))
                .body("rejectedLines[11].reason", containsString("SESSION_CLOSE"))
                .body("rejectedLines[12].reason", containsString("not a number"))
                .body("rejectedLines[13].reason", containsString("more than one JSON value"));
        // one chunk (format 2) with the four accepted lines, parsed, in line order; each valid against the line schema
        List<TelemetryEvent> events = chunkedEvents(id, 1);
        var parser = new TelemetryParser(new com.fasterxml.jackson.core.JsonFactory());
        List<TelemetryEvent> expected = new ArrayList<>();
        var schema = EventSchemas.fromFile(Path.of("src/main/resources/events/session-telemetry/TelemetryEvent.schema.json"));
        for (int line : new int[] {0, 6, 15, 18}) {
            byte[] bytes = lines.get(line).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            expected.add(parse(parser, bytes));
            assertEquals(List.of(), EventSchemas.violations(schema, lines.get(line)));
        }
        assertEquals(expected, events);
    }

    /** The events of the session's chunks in session-telemetry, as the aggregation reads them, checking each record's format. */
    List<TelemetryEvent> chunkedEvents(UUID id, int records) {
        try (TopicProbe probe = TopicProbe.binary(bootstrap, "session-telemetry")) {
            List<ConsumerRecord<String, String>> found = probe.await(r -> r.key() != null && r.key().startsWith(id.toString()), records,
                    Duration.ofSeconds(30));
            List<TelemetryEvent> events = new ArrayList<>();
            for (var r : found) {
                assertEquals("2", TopicProbe.header(r, TelemetryChunk.FORMAT_HEADER));
                TelemetryChunk.Reader reader = new TelemetryChunk.Reader(r.value().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                assertEquals(id, reader.session);
                assertEquals(START.toEpochMilli(), reader.startedAtMs);
                assertEquals(240, reader.plannedMinutes);
                while (reader.next()) {
                    events.add(reader.event());
                }
            }
            return events;
        }
    }

    static TelemetryEvent parse(TelemetryParser parser, byte[] line) {
        try {
            return parser.parse(line, 0, line.length, null);
        } catch (TelemetryParser.Rejected e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBatchGoesOutInChunksOfAtMost2048EventsInLineOrder() {
        UUID id = liveSession();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            lines.add(Telemetry.enter("c-" + id + "-" + i, START.plusSeconds(1 + i % 100), "v-" + i));
        }
        Telemetry.send(id, lines).statusCode(202).body("accepted", equalTo(5_000));
        try (TopicProbe probe = TopicProbe.binary(bootstrap, "session-telemetry")) {
            List<ConsumerRecord<String, String>> records = probe.await(r -> id.toString().equals(r.key()), 3, Duration.ofSeconds(30));
            List<Integer> sizes = new ArrayList<>();
            int next = 0;
            for (var r : records) {
                TelemetryChunk.Reader chunk = new TelemetryChunk.Reader(r.value().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                int size = 0;
                while (chunk.next()) {
                    assertEquals("c-" + id + "-" + next++, chunk.eventId(), "line order");
                    size++;
                }
                sizes.add(size);
            }
            assertEquals(List.of(2048, 2048, 904), sizes);
        }
    }

    @Test
    void feedersClocksMaySkewByAFewSecondsAtTheEdgesOfTheAirtime() {
        // a feeder stamping whole seconds: 11:00:00Z is 0.4 s before a start at 11:00:00.400Z; counted at the start
        Instant start = START.plusMillis(400);
        Fixtures.now(start);
        UUID id = Fixtures.session(UUID.randomUUID(), null, null);
        Fixtures.start(id);
        Fixtures.now(start.plusSeconds(600));
        Telemetry.send(id, List.of(Telemetry.enter("k-1", START, "v-1"), Telemetry.enter("k-2", start.minusSeconds(5), "v-2"),
                        Telemetry.enter("k-3", start.minusSeconds(6), "v-3")))
                .statusCode(202).body("accepted", equalTo(2)).body("rejectedLines[0].line", equalTo(3))
                .body("rejectedLines[0].reason", containsString("before the session started at 2021-11-25T11:00:00.400Z (by more than"
                        + " the allowed clock skew of PT5S)"));
        Fixtures.end(id);
        Instant end = start.plusSeconds(600);
        Telemetry.send(id, List.of(Telemetry.leave("k-4", end.plusSeconds(3), "v-1"), Telemetry.leave("k-5", end.plusSeconds(6), "v-2")))
                .statusCode(202).body("accepted", equalTo(1)).body("rejectedLines[0].line", equalTo(2))
                .body("rejectedLines[0].reason", containsString("after the session ended"));
        // counted at the edges: v-1 and v-2 entered at the start, v-1 left at the end
        try (TopicProbe probe = TopicProbe.binary(bootstrap, "session-telemetry")) {
            List<ConsumerRecord<String, String>> found = probe.await(r -> id.toString().equals(r.key()), 2, Duration.ofSeconds(30));
            List<Long> times = new ArrayList<>();
            for (var r : found) {
                TelemetryChunk.Reader reader = new TelemetryChunk.Reader(r.value().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                while (reader.next()) {
                    times.add(reader.timeMs);
                }
            }
            assertEquals(List.of(start.toEpochMilli(), start.toEpochMilli(), end.toEpochMilli()), times);
        }
    }

    @Test
    void aScheduledSessionTakesOnlyReservations() {
        Fixtures.now(START);
        UUID id = Fixtures.session(UUID.randomUUID(), null, null);
        Telemetry.send(id, List.of(Telemetry.reservation("s-1", START.minusSeconds(600), "v-1"), Telemetry.enter("s-2", START, "v-1")))
                .statusCode(202).body("accepted", equalTo(1)).body("rejectedLines[0].line", equalTo(2))
                .body("rejectedLines[0].reason", containsString("has not started"));
    }

    @Test
    void lateEventsAreAcceptedUntilTheAllowedLatenessAfterTheEnd() {
        UUID id = liveSession();
        Instant end = START.plusSeconds(3600);
        Fixtures.end(id);
        Fixtures.now(end.plusSeconds(299));
        Telemetry.send(id, List.of(Telemetry.leave("l-1", end.minusSeconds(5), "v-1"), Telemetry.enter("l-2", START.plusSeconds(1), "v-2"),
                        Telemetry.enter("l-3", end.plusSeconds(6), "v-3")))
                .statusCode(202).body("accepted", equalTo(2)).body("rejectedLines", hasSize(1))
                .body("rejectedLines[0].line", equalTo(3)).body("rejectedLines[0].reason", containsString("after the session ended"));
        Fixtures.now(end.plusSeconds(301));
        Telemetry.send(id, List.of(Telemetry.leave("l-4", end.minusSeconds(5), "v-2")))
                .statusCode(202).body("accepted", equalTo(0)).body("rejected", equalTo(1))
                .body("rejectedLines[0].reason", startsWith("too late: the session ended at 2021-11-25T12:00:00Z"));
    }

    @Test
    void onlyTheTelemetryWriterSendsTelemetry() {
        UUID id = liveSession();
        String line = Telemetry.enter("r-1", START.plusSeconds(1), "v-1");
        for (String token : new String[] {Tokens.admin(), Tokens.viewer(), Tokens.merchant(UUID.randomUUID()), Tokens.provider(UUID.randomUUID())}) {
            Telemetry.ndjson(token).body(line).post("/sessions/{id}/telemetry", id)
                    .then().spec(Problems.of(403, "forbidden"));
        }
        Telemetry.ndjson(null).body(line).post("/sessions/{id}/telemetry", id).then().spec(Problems.of(401, "unauthorized"));
        Telemetry.send(UUID.randomUUID(), line).spec(Problems.NOT_FOUND);
        Telemetry.ndjson(Tokens.telemetryWriter()).body(line)
                .post("/sessions/{id}/telemetry", "not-a-uuid").then().statusCode(404);
        given().auth().oauth2(Tokens.telemetryWriter()).contentType("application/xml").body("<x/>").post("/sessions/{id}/telemetry", id)
                .then().statusCode(415).contentType("application/problem+json");
        Fixtures.now(START);
        UUID cancelled = Fixtures.session(UUID.randomUUID(), null, null);
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/cancel", cancelled).then().statusCode(200);
        Telemetry.send(cancelled, line).spec(Problems.of(409, "illegal-transition"));
    }

    @Test
    void telemetryHasItsOwnBodyLimit() {
        UUID id = liveSession();
        Instant t = START.plusSeconds(10);
        StringBuilder body = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; body.length() < 2_200_000; i++) {
            String eventId = "big-" + id + "-" + i;
            ids.add(eventId);
            body.append(Telemetry.enter(eventId, t, "v-" + i)).append('\n');
        }
        Telemetry.send(id, body.toString()).statusCode(202).body("accepted", equalTo(ids.size())).body("rejected", equalTo(0));
        String tooBig = body.toString().repeat(8);
        Telemetry.send(id, tooBig).spec(Problems.of(413, "payload-too-large")).body("detail", equalTo("the request body exceeds 16777216 bytes"));
    }
}
