package com.livecommerce.plumbing.rest;

import com.livecommerce.plumbing.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parses optional query parameters from text. A value that cannot be read as its type (not a date,
 * not one of the enum's values) answers 400 naming the parameter, as the same mistake in a JSON
 * body does; a missing required value answers 422.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.wrongType(field,
                    "unknown value '" + raw + "', expected one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static LocalDate date(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.wrongType(field, "'" + raw + "' is not an ISO date (YYYY-MM-DD)");
        }
    }

    public static String required(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(field, "is required");
        }
        return raw.trim();
    }
}
