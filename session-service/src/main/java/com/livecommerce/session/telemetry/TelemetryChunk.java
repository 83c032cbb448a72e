package com.livecommerce.session.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Format 2 of a {@code session-telemetry} record: a chunk of parsed events of one session's sub-key, in Avro's binary
 * encoding of {@code events/session-telemetry/TelemetryChunk.avsc} (zig-zag varints, length-prefixed UTF-8, unions as an
 * index then the value). Written by the ingestion (each line parsed once there), read by the aggregation without any JSON
 * or date parsing. A record of format 2 carries the header {@value #FORMAT_HEADER} = {@code 2}; a record without it is
 * format 1, one JSON line (reservations through the outbox, and records written before format 2).
 * Hand-written rather than generated so that reading allocates nothing per event; {@code TelemetryChunkTest} checks it
 * against Apache Avro's own reader and writer.
 */
public final class TelemetryChunk {

    public static final String FORMAT_HEADER = "telemetry-format";
    public static final byte[] FORMAT_2 = {'2'};

    static final TelemetryType[] TYPES = TelemetryType.values();
    static final SalesChannel[] CHANNELS = SalesChannel.values();

    private TelemetryChunk() {
    }

    /** Whether a record's format header says format 2 (else: format 1, a JSON line). */
    public static boolean isChunk(byte[] formatHeader) {
        return formatHeader != null && Arrays.equals(formatHeader, FORMAT_2);
    }

    /** Builds one chunk: the session's fields, then events in order; {@link #toBytes()} gives the record value. */
    public static final class Writer {
        private final byte[] head;
        private byte[] body = new byte[16 * 1024];
        private int pos;
        private int count;

        public Writer(UUID session, int subKey, int subKeys, long startedAtMs, int plannedMinutes) {
            Writer h = new Writer(64);
            h.string(session.toString());
            h.varint(subKey);
            h.varint(subKeys);
            h.varint(startedAtMs);
            h.varint(plannedMinutes);
            this.head = Arrays.copyOf(h.body, h.pos);
        }

        private Writer(int capacity) {
            this.head = null;
            this.body = new byte[capacity];
        }

        public void add(TelemetryEvent e) {
            varint(e.type().ordinal());
            string(e.eventId());
            varint(e.timeMillis());
            nullable(e.viewerId());
            nullable(e.orderId());
            nullable(e.buyerId());
            nullable(e.productId());
            ensure(1);
            body[pos++] = (byte) (e.newBuyer() ? 1 : 0);
            varint(e.amountFen());
            if (e.channel() == null) {
                varint(0);
            } else {
                varint(1);
                varint(e.channel().ordinal());
            }
            count++;
        }

        /** An event read in place ({@link FastLine}), at {@code timeMs} (its own, or the airtime's edge). */
        public void add(FastLine e, long timeMs) {
            byte[] src = e.bytes();
            varint(e.type.ordinal());
            bytes(src, e.eventIdOffset, e.eventIdLength);
            varint(timeMs);
            nullable(src, e.viewerOffset, e.viewerLength);
            nullable(src, e.orderOffset, e.orderLength);
            nullable(src, e.buyerOffset, e.buyerLength);
            nullable(src, e.productOffset, e.productLength);
            ensure(1);
            body[pos++] = (byte) (e.newBuyer ? 1 : 0);
            varint(e.amountFen);
            if (e.channel == null) {
                varint(0);
            } else {
                varint(1);
                varint(e.channel.ordinal());
            }
            count++;
        }

        private void nullable(byte[] src, int offset, int length) {
            if (length < 0) {
                varint(0);
            } else {
                varint(1);
                bytes(src, offset, length);
            }
        }

        private void bytes(byte[] src, int offset, int length) {
            varint(length);
            ensure(length);
            System.arraycopy(src, offset, body, pos, length);
            pos += length;
        }

        public int count() {
            return count;
        }

        /** Bytes of the events so far (to cut a chunk before it grows past a record's size). */
        public int size() {
            return pos;
        }

        public byte[] toBytes() {
            byte[] countBytes = new Writer(10).varintBytes(count);
            byte[] out = new byte[head.length + countBytes.length + pos + 1];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(countBytes, 0, out, head.length, countBytes.length);
            System.arraycopy(body, 0, out, head.length + countBytes.length, pos);
            out[out.length - 1] = 0; // end of the array: a block of 0 items
            return out;
        }

        public void clear() {
            pos = 0;
            count = 0;
        }

        private byte[] varintBytes(long v) {
            varint(v);
            return Arrays.copyOf(body, pos);
        }

        private void nullable(String s) {
            if (s == null) {
                varint(0);
            } else {
                varint(1);
                string(s);
            }
        }

        private void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            bytes(b, 0, b.length);
        }

        private void varint(long v) {
            ensure(10);
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                body[pos++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            body[pos++] = (byte) z;
        }

        private void ensure(int more) {
            if (pos + more > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, pos + more));
            }
        }
    }

    /**
     * Reads a chunk in place: the session's fields at once, then {@link #next()} moves to each event, whose fields are
     * offsets into {@link #bytes()} (strings are not decoded unless asked for). Throws {@link IllegalArgumentException} on
     * bytes that are not a chunk.
     */
    public static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;
        private long remainingInBlock;
        private boolean done;

        public final UUID session;
        public final int subKey;
        public final int subKeys;
        public final long startedAtMs;
        public final int plannedMinutes;

        // the current event
        public TelemetryType type;
        public int eventIdOffset, eventIdLength;
        public long timeMs;
        public int viewerOffset, viewerLength;   // length -1: absent
        public int orderOffset, orderLength;
        public int buyerOffset, buyerLength;
        public int productOffset, productLength;
        public boolean newBuyer;
        public long amountFen;
        public SalesChannel channel;

        public Reader(byte[] bytes) {
            this.b = bytes;
            this.end = bytes.length;
            try {
                int len = (int) varint();
                this.session = UUID.fromString(new String(b, take(len), len, StandardCharsets.UTF_8));
                this.subKey = (int) varint();
                this.subKeys = (int) varint();
                this.startedAtMs = varint();
                this.plannedMinutes = (int) varint();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a telemetry chunk: " + e.getMessage(), e);
            }
            if (subKeys < 1 || subKey < 0 || subKey >= subKeys) {
                throw new IllegalArgumentException("not a telemetry chunk: sub-key " + subKey + " of " + subKeys);
            }
        }

        public byte[] bytes() {
            return b;
        }

        /** Moves to the next event; false at the end of the chunk. */
        public boolean next() {
            if (done) {
                return false;
            }
            try {
                while (remainingInBlock == 0) {
                    long n = varint();
                    if (n == 0) {
                        done = true;
                        return false;
                    }
                    if (n < 0) { // a block with its size in bytes
                        varint();
                        n = -n;
                    }
                    remainingInBlock = n;
                }
                remainingInBlock--;
                int t = (int) varint();
                type = TYPES[t];
                eventIdLength = (int) varint();
                eventIdOffset = take(eventIdLength);
                timeMs = varint();
                viewerLength = nullable();
                viewerOffset = viewerLength < 0 ? -1 : take(viewerLength);
                orderLength = nullable();
                orderOffset = orderLength < 0 ? -1 : take(orderLength);
                buyerLength = nullable();
                buyerOffset = buyerLength < 0 ? -1 : take(buyerLength);
                productLength = nullable();
                productOffset = productLength < 0 ? -1 : take(productLength);
                newBuyer = b[take(1)] != 0;
                amountFen = varint();
                channel = varint() == 0 ? null : CHANNELS[(int) varint()];
                return true;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a telemetry chunk: " + e, e);
            }
        }

        public String eventId() {
            return new String(b, eventIdOffset, eventIdLength, StandardCharsets.UTF_8);
        }

        public String viewerId() {
            return viewerLength < 0 ? null : new String(b, viewerOffset, viewerLength, StandardCharsets.UTF_8);
        }

        public String orderId() {
            return orderLength < 0 ? null : new String(b, orderOffset, orderLength, StandardCharsets.UTF_8);
        }

        public String buyerId() {
            return buyerLength < 0 ? null : new String(b, buyerOffset, buyerLength, StandardCharsets.UTF_8);
        }

        public String productId() {
            return productLength < 0 ? null : new String(b, productOffset, productLength, StandardCharsets.UTF_8);
        }

        /** The current event as a record (for tests and the slow paths). */
        public TelemetryEvent event() {
            return new TelemetryEvent(type, eventId(), timeMs, viewerId(), orderId(), buyerId(), newBuyer, productId(), amountFen,
                    channel);
        }

        private int nullable() {
            long branch = varint();
            if (branch == 0) {
                return -1;
            }
            if (branch != 1) {
                throw new IllegalArgumentException("union branch " + branch);
            }
            return (int) varint();
        }

        private int take(int len) {
            if (len < 0 || pos + len > end) {
                throw new IllegalArgumentException("length " + len + " at " + pos + " past the end " + end);
            }
            int at = pos;
            pos += len;
            return at;
        }

        private long varint() {
            long z = 0;
            int shift = 0;
            while (true) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated at " + pos);
                }
                byte x = b[pos++];
                z |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    break;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalArgumentException("varint too long at " + pos);
                }
            }
            return (z >>> 1) ^ -(z & 1);
        }
    }
}
