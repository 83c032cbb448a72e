package com.livecommerce.plumbing.time;

import com.livecommerce.plumbing.problem.ProblemException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;

/**
 * A calendar period: {@code YYYY} (year), {@code YYYYHn} (half, n = 1..2), {@code YYYYQn}
 * (quarter, n = 1..4) or {@code YYYY-MM} (month). Covers [{@code start}, {@code endExclusive}).
 */
public record Period(String label, LocalDate start, LocalDate endExclusive) {

    private static final java.util.regex.Pattern FORMAT =
            java.util.regex.Pattern.compile("(\\d{4})(?:(H)([12])|(Q)([1-4])|-(0[1-9]|1[0-2]))?");

    /** Parses {@code text}; a bad value is a 422 naming {@code field}. */
    public static Period parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidField(field, "is required (YYYY, YYYYHn, YYYYQn or YYYY-MM)");
        }
        String value = text.trim().toUpperCase(java.util.Locale.ROOT);
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw ProblemException.invalidField(field, "'" + text + "' is not a period (YYYY, YYYYHn, YYYYQn or YYYY-MM)");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalidField(field, "year must be between 2000 and 2100");
        }
        if (m.group(2) != null) {
            int half = Integer.parseInt(m.group(3));
            LocalDate start = LocalDate.of(year, half == 1 ? 1 : 7, 1);
            return new Period(value, start, start.plusMonths(6));
        }
        if (m.group(4) != null) {
            int quarter = Integer.parseInt(m.group(5));
            LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
            return new Period(value, start, start.plusMonths(3));
        }
        if (m.group(6) != null) {
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(6)));
            return new Period(value, month.atDay(1), month.plusMonths(1).atDay(1));
        }
        return new Period(value, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    /** The period of the same kind just before this one (2021H2 -> 2021H1, 2021-01 -> 2020-12). */
    public Period previous() {
        String label;
        if (label().length() == 4) {
            label = String.valueOf(start.getYear() - 1);
        } else if (label().charAt(4) == 'H') {
            label = start.getMonthValue() == 1 ? (start.getYear() - 1) + "H2" : start.getYear() + "H1";
        } else if (label().charAt(4) == 'Q') {
            LocalDate prev = start.minusMonths(3);
            label = prev.getYear() + "Q" + ((prev.getMonthValue() - 1) / 3 + 1);
        } else {
            label = YearMonth.from(start.minusMonths(1)).toString();
        }
        return parse("period", label);
    }

    /** The period of the same kind just after this one (2021H1 -> 2021H2, 2021-12 -> 2022-01). */
    public Period next() {
        LocalDate after = endExclusive;
        String label;
        if (label().length() == 4) {
            label = String.valueOf(after.getYear());
        } else if (label().charAt(4) == 'H') {
            label = after.getYear() + "H" + (after.getMonthValue() <= 6 ? 1 : 2);
        } else if (label().charAt(4) == 'Q') {
            label = after.getYear() + "Q" + ((after.getMonthValue() - 1) / 3 + 1);
        } else {
            label = YearMonth.from(after).toString();
        }
        return parse("period", label);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(endExclusive);
    }
}
