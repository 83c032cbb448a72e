package com.livecommerce.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How the pages write numbers: shares as percentages with two decimals, money exact with grouping, JSON for charts. */
@TemplateExtension(namespace = "fmt")
public final class Format {

    private Format() {
    }

    static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** 0.2885 -> {@code 28.85%}; none: {@code –}. */
    public static String pct(Object share) {
        BigDecimal d = decimal(share);
        return d == null ? "–" : d.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** Money in CNY with thousands separators, exact to the fen: 1234567.5 -> {@code ¥1,234,567.50}. */
    public static String money(Object amount) {
        BigDecimal d = decimal(amount);
        if (d == null) {
            return "–";
        }
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setParseBigDecimal(true);
        return "¥" + f.format(d.setScale(2, RoundingMode.HALF_UP));
    }

    /** A plain number with grouping and as many decimals as it has (ratios, counts, scores). */
    public static String num(Object value) {
        BigDecimal d = decimal(value);
        if (d == null) {
            return "–";
        }
        DecimalFormat f = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(d);
    }

    /** A share as a whole percentage between 0 and 100, for progress bars. */
    public static int pctNumber(Object share) {
        BigDecimal d = decimal(share);
        return d == null ? 0 : Math.max(0, Math.min(100, d.movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue()));
    }

    /** A ratio such as 1.498819 as {@code 1.50×}. */
    public static String times(Object ratio) {
        BigDecimal d = decimal(ratio);
        return d == null ? "–" : d.setScale(2, RoundingMode.HALF_UP).toPlainString() + "×";
    }

    /** The value as JSON, for a chart's data attribute. */
    public static String json(Object value) {
        try {
            return Services.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An instant as the services give it (ISO-8601, any offset) written in UTC to the second: {@code 2026-12-04 07:21:55 UTC}. */
    public static String time(Object instant) {
        if (instant == null) {
            return "–";
        }
        try {
            return java.time.OffsetDateTime.parse(instant.toString()).atZoneSameInstant(java.time.ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + " UTC";
        } catch (java.time.format.DateTimeParseException e) {
            return instant.toString();
        }
    }

    /** Shortens an id for a table cell (the full id stays in the link and its title). */
    public static String shortId(Object id) {
        String s = String.valueOf(id);
        return s.length() > 8 ? s.substring(0, 8) : s;
    }
}
