package com.livecommerce.plumbing.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A CloudEvent as a consumer sees it: the attributes from the {@code ce_*} headers and the JSON data.
 * Consumers read the fields they need with the typed readers below and ignore the rest (unknown
 * fields are fine). A field path is given as its names ({@code "outcome", "gmvBefore"}); a missing or
 * malformed required field is a {@link PoisonMessageException} naming it.
 */
public record ReceivedEvent(String id, String type, String source, String subject, ZonedDateTime time, JsonNode data) {

    /** A required text field. */
    public String requireText(String... path) {
        JsonNode node = at(path);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw poison("has no '" + String.join(".", path) + "'");
        }
        return node.asText();
    }

    /** A required UUID field. */
    public UUID requireUuid(String... path) {
        String text = requireText(path);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw poison("has '" + String.join(".", path) + "' = '" + text + "', not a UUID");
        }
    }

    /** An optional UUID field: null when absent or null. */
    public UUID optionalUuid(String... path) {
        JsonNode node = at(path);
        return node == null || node.isNull() ? null : requireUuid(path);
    }

    /** A required ISO date (YYYY-MM-DD). */
    public LocalDate requireDate(String... path) {
        String text = requireText(path);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw poison("has '" + String.join(".", path) + "' = '" + text + "', not an ISO date");
        }
    }

    /**
     * A required ISO date-time with offset, normalised to UTC: {@code 2021-12-01T02:00+08:00} is
     * {@code 2021-11-30T18:00Z}, so its {@code toLocalDate()} is the UTC day that selects a day or a period.
     */
    public OffsetDateTime requireDateTime(String... path) {
        String text = requireText(path);
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw poison("has '" + String.join(".", path) + "' = '" + text + "', not an ISO date-time");
        }
    }

    /** A required amount of money: a number or string, exact, not negative, at most 2 decimals. */
    public BigDecimal requireMoney(String... path) {
        String text = requireText(path);
        BigDecimal money;
        try {
            money = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw poison("has '" + String.join(".", path) + "' = '" + text + "', not an amount");
        }
        if (money.signum() < 0 || money.stripTrailingZeros().scale() > 2) {
            throw poison("has an invalid '" + String.join(".", path) + "' " + money.toPlainString());
        }
        return money;
    }

    /** An optional amount of money: zero when absent or null. */
    public BigDecimal moneyOrZero(String... path) {
        JsonNode node = at(path);
        return node == null || node.isNull() ? BigDecimal.ZERO : requireMoney(path);
    }

    /** An optional count: {@code fallback} when absent or null; a negative or fractional value is poison. */
    public int countOr(int fallback, String... path) {
        JsonNode node = at(path);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw poison("has an invalid '" + String.join(".", path) + "' " + node);
        }
        return node.asInt();
    }

    /** The node at {@code path}, or null. */
    public JsonNode at(String... path) {
        JsonNode node = data;
        for (String name : path) {
            node = node == null ? null : node.get(name);
        }
        return node;
    }

    private PoisonMessageException poison(String what) {
        return new PoisonMessageException(type + " " + id + " " + what);
    }
}
