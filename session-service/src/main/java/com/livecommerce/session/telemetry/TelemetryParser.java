package com.livecommerce.session.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads one telemetry line with Jackson's streaming parser (no data binding, no Bean Validation): a
 * JSON object with {@code type}, {@code eventId}, {@code time} and the fields of its type. A line
 * that is not one is a {@link Rejected} with the reason; unknown fields are skipped. The ingestion parses
 * each line once, here; the aggregation reads the parsed events from the chunks the ingestion writes
 * ({@link TelemetryChunk}), and this parser only for format-1 records (a JSON line: reservations through the outbox).
 */
public final class TelemetryParser {

    /** Amounts above this are refused (a typo, not a sale): 100,000,000.00 CNY. */
    static final long MAX_AMOUNT_FEN = 10_000_000_000L;

    private final JsonFactory factory;

    public TelemetryParser(JsonFactory factory) {
        this.factory = factory;
    }

    /** Why a line was refused. */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param session the session of the request; a line naming another {@code sessionId} is refused (null: not checked)
     */
    public TelemetryEvent parse(byte[] buffer, int offset, int length, UUID session) throws Rejected {
        String type = null, eventId = null, time = null, sessionId = null, viewerId = null, orderId = null, buyerId = null,
                productId = null, channel = null;
        Boolean newBuyer = null;
        BigDecimal amount = null;
        boolean amountSeen = false;
        try (JsonParser p = factory.createParser(buffer, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejected("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "type" -> type = text(p, v, field);
                    case "eventId" -> eventId = id(p, v, field);
                    case "time" -> time = text(p, v, field);
                    case "sessionId" -> sessionId = text(p, v, field);
                    case "viewerId" -> viewerId = id(p, v, field);
                    case "orderId" -> orderId = id(p, v, field);
                    case "buyerId" -> buyerId = id(p, v, field);
                    case "productId" -> productId = id(p, v, field);
                    case "channel" -> channel = text(p, v, field);
                    case "newBuyer" -> {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw new Rejected("newBuyer must be true or false");
                        }
                        newBuyer = v == JsonToken.VALUE_TRUE;
                    }
                    case "amount" -> {
                        amountSeen = true;
                        amount = amount(p, v);
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new Rejected("not a JSON object");
            }
            if (p.nextToken() != null) {
                throw new Rejected("more than one JSON value on the line");
            }
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            int cut = message.indexOf('\n');
            throw new Rejected("malformed JSON: " + (cut > 0 ? message.substring(0, cut) : message));
        }
        if (type == null) {
            throw new Rejected("type is required");
        }
        TelemetryType kind = TelemetryType.of(type);
        if (kind == null) {
            throw new Rejected("unknown type '" + type + "'");
        }
        if (eventId == null) {
            throw new Rejected("eventId is required");
        }
        if (time == null) {
            throw new Rejected("time is required");
        }
        long millis;
        try {
            millis = IsoInstant.epochMilli(time);
        } catch (DateTimeParseException e) {
            throw new Rejected("time '" + time + "' is not an ISO-8601 date-time with offset");
        }
        if (sessionId != null && session != null && !sessionId.equalsIgnoreCase(session.toString())) {
            throw new Rejected("sessionId " + sessionId + " is not this session");
        }
        long fen = 0;
        SalesChannel sales = null;
        boolean isNew = false;
        switch (kind) {
            case VIEWER_ENTER, VIEWER_LEAVE, RESERVATION -> require(viewerId, "viewerId", kind);
            case ORDER_PAID -> {
                require(orderId, "orderId", kind);
                require(buyerId, "buyerId", kind);
                require(productId, "productId", kind);
                require(newBuyer, "newBuyer", kind);
                fen = fen(amount, amountSeen, kind);
                sales = channel(channel, kind, false);
                isNew = newBuyer;
            }
            case ORDER_REFUNDED -> {
                require(orderId, "orderId", kind);
                fen = fen(amount, amountSeen, kind);
            }
            case AD_SPEND -> {
                sales = channel(channel, kind, true);
                fen = fen(amount, amountSeen, kind);
            }
            case SESSION_CLOSE -> {
            }
        }
        return new TelemetryEvent(kind, eventId, millis, viewerId, orderId, buyerId, isNew, productId, fen, sales);
    }

    private static String text(JsonParser p, JsonToken v, String field) throws IOException, Rejected {
        if (v != JsonToken.VALUE_STRING) {
            throw new Rejected(field + " must be a string");
        }
        return p.getText();
    }

    private static String id(JsonParser p, JsonToken v, String field) throws IOException, Rejected {
        String text = text(p, v, field);
        if (text.isBlank() || text.length() > 128) {
            throw new Rejected(field + " must have 1 to 128 characters");
        }
        return text;
    }

    private static BigDecimal amount(JsonParser p, JsonToken v) throws IOException, Rejected {
        try {
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue();
            }
            if (v == JsonToken.VALUE_STRING) {
                return new BigDecimal(p.getText().trim());
            }
        } catch (NumberFormatException e) {
            throw new Rejected("amount '" + p.getText() + "' is not a number");
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new Rejected("amount must be a number or a string");
    }

    private static void require(Object value, String field, TelemetryType type) throws Rejected {
        if (value == null) {
            throw new Rejected(field + " is required for " + type);
        }
    }

    private static long fen(BigDecimal amount, boolean seen, TelemetryType type) throws Rejected {
        if (amount == null) {
            throw new Rejected("amount is required for " + type);
        }
        if (amount.signum() < 0) {
            throw new Rejected("negative amount " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new Rejected("amount " + amount.toPlainString() + " has more than 2 decimals");
        }
        if (amount.compareTo(BigDecimal.valueOf(MAX_AMOUNT_FEN, 2)) > 0) {
            throw new Rejected("amount " + amount.toPlainString() + " is above " + BigDecimal.valueOf(MAX_AMOUNT_FEN, 2).toPlainString());
        }
        return amount.movePointRight(2).longValueExact();
    }

    private static SalesChannel channel(String channel, TelemetryType type, boolean adOnly) throws Rejected {
        if (channel == null) {
            throw new Rejected("channel is required for " + type);
        }
        SalesChannel c;
        try {
            c = SalesChannel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            c = null;
        }
        if (c == null || adOnly && c == SalesChannel.ORGANIC) {
            throw new Rejected("unknown channel '" + channel + "' for " + type + ", expected one of "
                    + (adOnly ? "[PAID_PROMOTION, FAN_BOOST]" : "[PAID_PROMOTION, FAN_BOOST, ORGANIC]"));
        }
        return c;
    }
}
