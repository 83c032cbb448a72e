package com.livecommerce.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: the in-place reader only ever accepts what the Jackson parser accepts, with the same event; on lines as feeders
 * write them it accepts them all. Random lines of every type, written in varied ways (field order, spacing, unknown
 * fields, amounts as numbers and strings, time layouts), then mutated (a character changed, dropped or added, escapes,
 * non-ASCII text, nested values): for each, if {@link FastLine} accepts, Jackson must give the identical event.
 */
class FastLineTest {

    static final JsonFactory JSON = new JsonFactory();
    static final TelemetryParser PARSER = new TelemetryParser(JSON);
    static final UUID SESSION = UUID.fromString("0d8e9a3c-1f4b-4a51-9a0e-7b5d1c2e3f40");
    static final byte[] SESSION_BYTES = SESSION.toString().getBytes(StandardCharsets.US_ASCII);

    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void acceptsOnlyWhatJacksonAcceptsWithTheSameEvent(long seed) {
        Random r = new Random(seed);
        FastLine fast = new FastLine();
        int clean = 0, cleanAccepted = 0, mutatedAccepted = 0;
        for (int i = 0; i < 3_000; i++) {
            String line = line(r);
            boolean mutated = r.nextInt(3) == 0;
            if (mutated) {
                line = mutate(r, line);
            } else {
                clean++;
            }
            byte[] bytes = ("  " + line + " ").getBytes(StandardCharsets.UTF_8);
            int length = bytes.length - 3;
            TelemetryEvent slow;
            try {
                slow = PARSER.parse(bytes, 2, length, SESSION);
            } catch (TelemetryParser.Rejected e) {
                slow = null;
            }
            if (fast.read(bytes, 2, length, SESSION_BYTES)) {
                String context = "seed " + seed + ", line " + line;
                assertTrue(slow != null, context + ": accepted in place, refused by Jackson");
                assertEquals(slow, fast.event(), context);
                if (mutated) {
                    mutatedAccepted++;
                } else {
                    cleanAccepted++;
                }
            } else if (!mutated && slow != null && plain(line)) {
                throw new AssertionError("seed " + seed + ": a plain line the in-place reader should take: " + line);
            }
        }
        assertTrue(cleanAccepted > clean / 2, "most clean lines go in place: " + cleanAccepted + " of " + clean);
        assertTrue(mutatedAccepted >= 0);
    }

    @Test
    void linesWithEscapesOrNonAsciiOrNestedValuesAreLeftToJackson() {
        FastLine fast = new FastLine();
        for (String line : List.of(
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\\u0031\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\"}",
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"观众\"}",
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\",\"x\":{\"a\":1}}",
                "{\"type\":\"AD_SPEND\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":1e3}",
                "{\"type\":\"AD_SPEND\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":1.500}",
                "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00Z\",\"viewerId\":\"v\"} x")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertFalse(fast.read(b, 0, b.length, SESSION_BYTES), line);
        }
        byte[] ok = "{\"type\":\"AD_SPEND\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":\"2500.5\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(fast.read(ok, 0, ok.length, SESSION_BYTES));
        assertEquals(250_050, fast.amountFen);
    }

    /** A line the in-place reader is meant for: ASCII, no escapes, no exponent, no nesting, plain amounts, no null. */
    static boolean plain(String line) {
        return line.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && !line.contains("\\") && !line.contains("{\"n\"")
                && !line.contains("e+") && !line.contains("null") && !line.matches(".*\"amount\":\"?[0-9]+\\.[0-9]{3,}.*")
                && !line.contains("\"amount\":\" ");
    }

    static String line(Random r) {
        TelemetryType type = TelemetryType.values()[r.nextInt(6)];
        List<String> fields = new ArrayList<>();
        fields.add(q("type") + ":" + q(type.name()));
        fields.add(q("eventId") + ":" + q("e-" + r.nextInt(1_000_000)));
        Instant t = Instant.parse("2021-11-25T11:00:00Z").plusMillis(r.nextInt(100_000_000));
        String time = switch (r.nextInt(4)) {
            case 0 -> t.toString();
            case 1 -> t.atOffset(java.time.ZoneOffset.ofHours(8)).toString();
            case 2 -> t.toString().replace("Z", "+00:00");
            default -> t.toString().toLowerCase();
        };
        fields.add(q("time") + ":" + q(time));
        switch (type) {
            case VIEWER_ENTER, VIEWER_LEAVE, RESERVATION -> fields.add(q("viewerId") + ":" + q("v-" + r.nextInt(10_000)));
            case ORDER_PAID -> {
                fields.add(q("orderId") + ":" + q("o-" + r.nextInt()));
                fields.add(q("buyerId") + ":" + q("b-" + r.nextInt(100)));
                fields.add(q("newBuyer") + ":" + r.nextBoolean());
                fields.add(q("productId") + ":" + q("p-" + r.nextInt(20)));
                fields.add(q("amount") + ":" + amount(r));
                fields.add(q("channel") + ":" + q(SalesChannel.values()[r.nextInt(3)].name()));
            }
            case ORDER_REFUNDED -> {
                fields.add(q("orderId") + ":" + q("o-" + r.nextInt()));
                fields.add(q("amount") + ":" + amount(r));
            }
            case AD_SPEND -> {
                fields.add(q("channel") + ":" + q(SalesChannel.values()[r.nextInt(2)].name()));
                fields.add(q("amount") + ":" + amount(r));
            }
            default -> {
            }
        }
        if (r.nextInt(5) == 0) {
            fields.add(q("sessionId") + ":" + q(r.nextBoolean() ? SESSION.toString() : SESSION.toString().toUpperCase()));
        }
        if (r.nextInt(5) == 0) {
            fields.add(q("note") + ":" + (r.nextBoolean() ? q("x y") : r.nextBoolean() ? "-12.5" : "true"));
        }
        java.util.Collections.shuffle(fields, r);
        String sep = r.nextBoolean() ? "," : ", ";
        String colon = r.nextInt(4) == 0 ? " : " : ":";
        return "{" + String.join(sep, fields).replace("\":", "\"" + colon).replace("\"" + colon + "\"", "\"" + colon + "\"") + "}";
    }

    static String amount(Random r) {
        long fen = r.nextInt(10) == 0 ? 10_000_000_000L : r.nextInt(10_000_000);
        String plain = java.math.BigDecimal.valueOf(fen, 2).toPlainString();
        return switch (r.nextInt(4)) {
            case 0 -> plain;
            case 1 -> q(plain);
            case 2 -> String.valueOf(fen / 100);
            default -> plain.endsWith("0") ? plain.substring(0, plain.length() - 1) : plain;
        };
    }

    static final String CHARS = "{}[]\":,.-0123456789 eEaxZ\\é\t";

    static String mutate(Random r, String line) {
        StringBuilder s = new StringBuilder(line);
        int at = r.nextInt(s.length());
        switch (r.nextInt(7)) {
            case 0 -> s.setCharAt(at, CHARS.charAt(r.nextInt(CHARS.length())));
            case 1 -> s.deleteCharAt(at);
            case 2 -> s.insert(at, "\\u0041");
            case 3 -> s.insert(at, ",\"n\":{\"a\":[1]}");
            case 4 -> s.insert(at, "null");
            case 5 -> s.insert(at, "观");
            default -> s.insert(at, "1e+3");
        }
        return s.toString();
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }
}
