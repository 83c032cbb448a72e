package com.livecommerce.session.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads an ISO-8601 date-time with offset into epoch milliseconds without {@link OffsetDateTime#parse}: one pass over the
 * characters for the layouts feeders send ({@code 2021-11-25T11:00:05Z}, {@code 2021-11-25T11:00:05.123Z},
 * {@code 2021-11-25T19:00:05.123456+08:00}, {@code t}/{@code z} in lower case). Anything else (no seconds, an offset with
 * seconds, a leap second, an out-of-range field) goes to {@link OffsetDateTime#parse}, so the accepted set and every result
 * are exactly those of {@code OffsetDateTime.parse(text).toInstant().toEpochMilli()} (fractions below a millisecond are cut,
 * as {@code toEpochMilli} does). {@code IsoInstantTest} checks both against each other on random texts.
 */
public final class IsoInstant {

    private IsoInstant() {
    }

    /** Epoch milliseconds of {@code text}; throws {@link DateTimeParseException} when it is not an offset date-time. */
    public static long epochMilli(String text) {
        long fast = fast(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /** The fast path on a String (its chars as Latin-1 bytes: any other char falls out of the layouts). */
    static long fast(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return fast(b, 0, b.length);
    }

    /**
     * The fast path on bytes (US-ASCII); {@link Long#MIN_VALUE} when they are not in one of its layouts (then the JDK
     * decides, on the text).
     */
    static long fast(byte[] s, int off, int n) {
        if (n < 20 || s[off + 4] != '-' || s[off + 7] != '-' || (s[off + 10] | 0x20) != 't' || s[off + 13] != ':'
                || s[off + 16] != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, off, 4), month = digits(s, off + 5, 2), day = digits(s, off + 8, 2);
        int hour = digits(s, off + 11, 2), minute = digits(s, off + 14, 2), second = digits(s, off + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        long millis = 0;
        if (s[off + i] == '.') {
            int start = ++i;
            while (i < n && s[off + i] >= '0' && s[off + i] <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s[off + i] - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return Long.MIN_VALUE;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        long offsetSeconds;
        if (i == n - 1 && (s[off + i] | 0x20) == 'z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s[off + i] == '+' || s[off + i] == '-') && s[off + i + 3] == ':') {
            int oh = digits(s, off + i + 1, 2), om = digits(s, off + i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59 || oh == 18 && om > 0) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (oh * 3600L + om * 60L) * (s[off + i] == '-' ? -1 : 1);
        } else {
            return Long.MIN_VALUE;
        }
        long days = epochDay(year, month, day);
        return ((days * 86_400L + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000L + millis;
    }

    private static int digits(byte[] s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!leap((int) year)) {
                total--;
            }
        }
        return total - 719_528L; // days from year 0 to 1970
    }
}
