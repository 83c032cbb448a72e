package com.livecommerce.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed-layout ISO-8601 reader agrees with {@code OffsetDateTime.parse(text).toInstant().toEpochMilli()} on every
 * text: random valid date-times in the layouts feeders send and in the ones only the JDK reads, and random corruptions
 * of them (both refuse, or both give the same instant).
 */
class IsoInstantTest {

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithTheJdkOnRandomTexts(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            String text = corrupt(random, valid(random), random);
            String context = "seed " + seed + ", text '" + text + "'";
            Long expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            if (expected == null) {
                assertThrows(DateTimeParseException.class, () -> IsoInstant.epochMilli(text), context);
            } else {
                assertEquals(expected, IsoInstant.epochMilli(text), context);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-11-25T11:00:05Z", "2021-11-25T11:00:05.123Z", "2021-11-25T19:00:05.123456789+08:00",
            "2024-02-29T23:59:59.999-05:30", "1969-12-31T23:59:59.5Z", "2021-11-25t11:00:05z"})
    void theLayoutsFeedersSendTakeTheFastPath(String text) {
        assertTrue(IsoInstant.fast(text) != Long.MIN_VALUE, text);
        assertEquals(OffsetDateTime.parse(text).toInstant().toEpochMilli(), IsoInstant.epochMilli(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-11-25T11:00Z", "2021-11-25T11:00:05+08", "2021-11-25T11:00:05.Z", "2021-11-25T11:00:05+08:00:00"})
    void otherValidLayoutsAreReadByTheJdk(String text) {
        assertEquals(Long.MIN_VALUE, IsoInstant.fast(text), text);
        assertEquals(OffsetDateTime.parse(text).toInstant().toEpochMilli(), IsoInstant.epochMilli(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-29T11:00:05Z", "2021-11-25T24:00:00Z", "2021-11-25T11:60:00Z", "2021-11-25 11:00:05Z",
            "2021-11-25T11:00:05", "2021-11-25T11:00:05+0800", "2021-11-25T11:00:05.1234567891Z", "2021-11-25T11:00:05+19:00", "",
            "not a time"})
    void invalidTextsAreRefused(String text) {
        assertThrows(DateTimeParseException.class, () -> IsoInstant.epochMilli(text));
    }

    private static String valid(Random r) {
        OffsetDateTime t = OffsetDateTime.of(1900 + r.nextInt(250), 1 + r.nextInt(12), 1, r.nextInt(24), r.nextInt(60), r.nextInt(60),
                r.nextInt(1_000_000_000), ZoneOffset.ofTotalSeconds((r.nextInt(37) - 18) * 1800)).plusDays(r.nextInt(31));
        String date = "%04d-%02d-%02d".formatted(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        String time = "%02d:%02d".formatted(t.getHour(), t.getMinute());
        if (r.nextInt(10) > 0) {
            time += ":%02d".formatted(t.getSecond());
            int digits = r.nextInt(11);
            if (digits > 0 && digits <= 9) {
                time += "." + "%09d".formatted(t.getNano()).substring(0, digits);
            }
        }
        String offset;
        int seconds = t.getOffset().getTotalSeconds();
        if (seconds == 0 && r.nextBoolean()) {
            offset = r.nextBoolean() ? "Z" : "z";
        } else {
            String sign = seconds < 0 ? "-" : "+";
            int abs = Math.abs(seconds);
            offset = switch (r.nextInt(6)) {
                case 0 -> sign + "%02d".formatted(abs / 3600);
                case 1 -> sign + "%02d%02d".formatted(abs / 3600, abs % 3600 / 60);
                default -> sign + "%02d:%02d".formatted(abs / 3600, abs % 3600 / 60);
            };
        }
        return date + (r.nextInt(20) == 0 ? "t" : "T") + time + offset;
    }

    private static String corrupt(Random r, String s, Random random) {
        if (random.nextInt(4) > 0) {
            return s;
        }
        char[] c = s.toCharArray();
        int at = r.nextInt(c.length);
        c[at] = "0123456789-:T.Z+ x".charAt(r.nextInt(18));
        String out = new String(c);
        return r.nextInt(10) == 0 ? out.substring(0, r.nextInt(out.length())) : out;
    }
}
