package com.livecommerce.session.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;

/**
 * The fast path of the ingestion's one parse: reads a telemetry line in place, byte by byte, into offsets of the line's
 * buffer (no String, no BigDecimal, no JSON tree), for the lines feeders send: one flat JSON object of ASCII strings
 * without escapes, plain numbers, booleans. It only ever accepts: a line it cannot read, or one that breaks a rule,
 * it gives up on ({@link #read} is false), and {@link TelemetryParser} reads that line with Jackson and decides, with
 * its reason. So for every line it accepts, the event is exactly the one {@link TelemetryParser} would give
 * ({@code FastLineTest} checks both on random and mutated lines).
 */
public final class FastLine {

    private static final byte[] TYPE = ascii("type"), EVENT_ID = ascii("eventId"), TIME = ascii("time"),
            SESSION_ID = ascii("sessionId"), VIEWER_ID = ascii("viewerId"), ORDER_ID = ascii("orderId"), BUYER_ID = ascii("buyerId"),
            PRODUCT_ID = ascii("productId"), CHANNEL = ascii("channel"), NEW_BUYER = ascii("newBuyer"), AMOUNT = ascii("amount");
    private static final byte[][] TYPE_NAMES = names(TelemetryType.values());
    private static final byte[][] CHANNEL_NAMES = names(SalesChannel.values());

    // what the last line read holds: offsets into its buffer (length -1: absent)
    public TelemetryType type;
    public long timeMs;
    public int eventIdOffset, eventIdLength;
    public int viewerOffset, viewerLength;
    public int orderOffset, orderLength;
    public int buyerOffset, buyerLength;
    public int productOffset, productLength;
    public boolean newBuyer;
    public long amountFen;
    public SalesChannel channel;

    private byte[] b;
    private int pos;
    private int end;
    private int typeOff, typeLen, timeOff, timeLen, sessionOff, sessionLen, channelOff, channelLen;
    private int newBuyerValue; // -1 absent, 0 false, 1 true
    private boolean amountSeen;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] names(Enum<?>[] values) {
        byte[][] n = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            n[i] = ascii(values[i].name());
        }
        return n;
    }

    /**
     * Reads {@code buffer[offset, offset + length)}; true when the line is accepted (its fields are in this object), false
     * when the slow path must decide. {@code session}: the request's session id in lower case (a line naming another
     * {@code sessionId} is left to the slow path, which refuses it).
     */
    public boolean read(byte[] buffer, int offset, int length, byte[] session) {
        b = buffer;
        pos = offset;
        end = offset + length;
        typeLen = timeLen = sessionLen = channelLen = eventIdLength = viewerLength = orderLength = buyerLength = productLength = -1;
        newBuyerValue = -1;
        amountSeen = false;
        amountFen = -1;
        if (!object() || !validate(session)) {
            return false;
        }
        return true;
    }

    private boolean object() {
        ws();
        if (pos >= end || b[pos] != '{') {
            return false;
        }
        pos++;
        ws();
        if (pos < end && b[pos] == '}') {
            pos++;
            return rest();
        }
        while (true) {
            ws();
            int nameOff = pos + 1;
            int nameLen = string();
            if (nameLen < 0) {
                return false;
            }
            ws();
            if (pos >= end || b[pos] != ':') {
                return false;
            }
            pos++;
            ws();
            if (!member(nameOff, nameLen)) {
                return false;
            }
            ws();
            if (pos >= end) {
                return false;
            }
            if (b[pos] == ',') {
                pos++;
                continue;
            }
            if (b[pos] == '}') {
                pos++;
                return rest();
            }
            return false;
        }
    }

    /** Nothing but whitespace after the object. */
    private boolean rest() {
        ws();
        return pos == end;
    }

    private boolean member(int nameOff, int nameLen) {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        if (c == '"') {
            int off = pos + 1;
            int len = string();
            if (len < 0) {
                return false;
            }
            if (is(nameOff, nameLen, TYPE)) {
                typeOff = off;
                typeLen = len;
            } else if (is(nameOff, nameLen, EVENT_ID)) {
                eventIdOffset = off;
                eventIdLength = len;
            } else if (is(nameOff, nameLen, TIME)) {
                timeOff = off;
                timeLen = len;
            } else if (is(nameOff, nameLen, SESSION_ID)) {
                sessionOff = off;
                sessionLen = len;
            } else if (is(nameOff, nameLen, VIEWER_ID)) {
                viewerOffset = off;
                viewerLength = len;
            } else if (is(nameOff, nameLen, ORDER_ID)) {
                orderOffset = off;
                orderLength = len;
            } else if (is(nameOff, nameLen, BUYER_ID)) {
                buyerOffset = off;
                buyerLength = len;
            } else if (is(nameOff, nameLen, PRODUCT_ID)) {
                productOffset = off;
                productLength = len;
            } else if (is(nameOff, nameLen, CHANNEL)) {
                channelOff = off;
                channelLen = len;
            } else if (is(nameOff, nameLen, AMOUNT)) {
                amountSeen = true;
                amountFen = money(off, off + len);
                return amountFen >= 0;
            } else if (is(nameOff, nameLen, NEW_BUYER)) {
                return false; // not a boolean: the slow path refuses it
            }
            return true;
        }
        if (c == 't' || c == 'f') {
            boolean value = c == 't';
            byte[] word = value ? TRUE : FALSE;
            if (end - pos < word.length || !is(pos, word.length, word)) {
                return false;
            }
            pos += word.length;
            if (is(nameOff, nameLen, NEW_BUYER)) {
                newBuyerValue = value ? 1 : 0;
                return true;
            }
            return !known(nameOff, nameLen);
        }
        if (c == '-' || c >= '0' && c <= '9') {
            int off = pos;
            if (!number()) {
                return false;
            }
            if (is(nameOff, nameLen, AMOUNT)) {
                amountSeen = true;
                amountFen = money(off, pos);
                return amountFen >= 0;
            }
            return !known(nameOff, nameLen);
        }
        return false; // null, an object, an array: the slow path
    }

    private static final byte[] TRUE = ascii("true"), FALSE = ascii("false");

    private boolean known(int off, int len) {
        return is(off, len, TYPE) || is(off, len, EVENT_ID) || is(off, len, TIME) || is(off, len, SESSION_ID)
                || is(off, len, VIEWER_ID) || is(off, len, ORDER_ID) || is(off, len, BUYER_ID) || is(off, len, PRODUCT_ID)
                || is(off, len, CHANNEL) || is(off, len, NEW_BUYER) || is(off, len, AMOUNT);
    }

    /** A string of printable ASCII without escapes at {@code pos} ('"' there): its length, pos after it; -1 otherwise. */
    private int string() {
        if (pos >= end || b[pos] != '"') {
            return -1;
        }
        int start = ++pos;
        while (pos < end) {
            byte c = b[pos];
            if (c == '"') {
                pos++;
                return pos - 1 - start;
            }
            if (c < 0x20 || c == '\\' || c == 0x7F) { // negative: a non-ASCII byte
                return -1;
            }
            pos++;
        }
        return -1;
    }

    /** A JSON number without exponent: -?(0|[1-9][0-9]*)(.[0-9]+)? */
    private boolean number() {
        if (b[pos] == '-') {
            pos++;
        }
        if (pos >= end || b[pos] < '0' || b[pos] > '9') {
            return false;
        }
        if (b[pos] == '0' && pos + 1 < end && b[pos + 1] >= '0' && b[pos + 1] <= '9') {
            return false;
        }
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            int digits = pos;
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == digits) {
                return false;
            }
        }
        return pos >= end || b[pos] != 'e' && b[pos] != 'E';
    }

    /** Plain money {@code [0-9]+(.[0-9]{1,2})?} in fen, at most the parser's maximum; -1 for anything else. */
    private long money(int from, int to) {
        long units = 0;
        int i = from;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            units = units * 10 + (b[i] - '0');
            i++;
            if (++digits > 11) {
                return -1;
            }
        }
        if (digits == 0) {
            return -1;
        }
        long cents = 0;
        int decimals = 0;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                cents = cents * 10 + (b[i] - '0');
                i++;
                if (++decimals > 2) {
                    return -1;
                }
            }
            if (decimals == 0) {
                return -1;
            }
        }
        if (i != to) {
            return -1;
        }
        long fen = units * 100 + (decimals == 1 ? cents * 10 : cents);
        return fen > TelemetryParser.MAX_AMOUNT_FEN ? -1 : fen;
    }

    private boolean validate(byte[] session) {
        if (typeLen < 0 || eventIdLength < 0 || timeLen < 0) {
            return false;
        }
        type = null;
        for (int i = 0; i < TYPE_NAMES.length; i++) {
            if (is(typeOff, typeLen, TYPE_NAMES[i])) {
                type = TelemetryType.values()[i];
                break;
            }
        }
        if (type == null || !id(eventIdLength, eventIdOffset)) {
            return false;
        }
        long t = IsoInstant.fast(b, timeOff, timeLen);
        if (t == Long.MIN_VALUE) {
            try {
                t = IsoInstant.epochMilli(new String(b, timeOff, timeLen, StandardCharsets.US_ASCII));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        timeMs = t;
        if (sessionLen >= 0 && session != null && !sameSession(session)) {
            return false;
        }
        if (viewerLength >= 0 && !id(viewerLength, viewerOffset) || orderLength >= 0 && !id(orderLength, orderOffset)
                || buyerLength >= 0 && !id(buyerLength, buyerOffset) || productLength >= 0 && !id(productLength, productOffset)) {
            return false;
        }
        channel = null;
        newBuyer = false;
        switch (type) {
            case VIEWER_ENTER, VIEWER_LEAVE, RESERVATION -> {
                amountFen = 0;
                return viewerLength >= 0;
            }
            case ORDER_PAID -> {
                if (orderLength < 0 || buyerLength < 0 || productLength < 0 || newBuyerValue < 0 || amountFen < 0) {
                    return false;
                }
                newBuyer = newBuyerValue == 1;
                channel = channel(false);
                return channel != null;
            }
            case ORDER_REFUNDED -> {
                return orderLength >= 0 && amountFen >= 0;
            }
            case AD_SPEND -> {
                channel = channel(true);
                return channel != null && amountFen >= 0;
            }
            default -> {
                amountFen = 0;
                return true; // SESSION_CLOSE: read as the slow path reads it; the rules refuse it
            }
        }
    }

    private SalesChannel channel(boolean adOnly) {
        if (channelLen < 0) {
            return null;
        }
        for (int i = 0; i < CHANNEL_NAMES.length; i++) {
            if (is(channelOff, channelLen, CHANNEL_NAMES[i])) {
                SalesChannel c = SalesChannel.values()[i];
                return adOnly && c == SalesChannel.ORGANIC ? null : c;
            }
        }
        return null;
    }

    /** 1 to 128 characters, not all whitespace (ASCII here: a byte is a character). */
    private boolean id(int len, int off) {
        if (len < 1 || len > 128) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] > ' ') {
                return true;
            }
        }
        return false;
    }

    private boolean sameSession(byte[] session) {
        if (sessionLen != session.length) {
            return false;
        }
        for (int i = 0; i < sessionLen; i++) {
            if ((b[sessionOff + i] | 0x20) != session[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean is(int off, int len, byte[] word) {
        if (len != word.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private void ws() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
            pos++;
        }
    }

    /** The line's event as the slow path gives it (tests; the rare lines the ingestion needs as an object). */
    public TelemetryEvent event() {
        return new TelemetryEvent(type, text(eventIdOffset, eventIdLength), timeMs, text(viewerOffset, viewerLength),
                text(orderOffset, orderLength), text(buyerOffset, buyerLength), newBuyer, text(productOffset, productLength), amountFen,
                channel);
    }

    private String text(int off, int len) {
        return len < 0 ? null : new String(b, off, len, StandardCharsets.US_ASCII);
    }

    /** The bytes of the last line read (its fields are offsets into them). */
    public byte[] bytes() {
        return b;
    }
}
