package com.livecommerce.session.kpi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one chunk of one sub-key changed in its session's totals: increments, never totals, so the merge stage adds the
 * deltas of every sub-key (topic {@code session-kpi-partials}, key = session id; exactly once, as every output of the
 * Streams transactions). Distinct counts add up because each viewer's events stay in one sub-key and orders, buyers and
 * reservations all live in sub-key 0. Watch times are relative to the session's start ({@link #startedAtMs}); money in
 * fen; {@link #seconds} holds the net change of concurrent viewers per second (epoch second -> +enters -leaves).
 * Internal to session-service; the first byte is the format.
 */
final class PartialDelta extends SessionTotals {

    static final byte FORMAT = 1;

    final UUID session;
    final int subKey;
    final int subKeys;
    final long startedAtMs;
    final int plannedMinutes;

    boolean closed;
    final TreeMap<Long, long[]> seconds = new TreeMap<>();
    final Map<String, Long> productsFen = new LinkedHashMap<>();

    PartialDelta(UUID session, int subKey, int subKeys, long startedAtMs, int plannedMinutes) {
        this.session = session;
        this.subKey = subKey;
        this.subKeys = subKeys;
        this.startedAtMs = startedAtMs;
        this.plannedMinutes = plannedMinutes;
        this.maxEventMs = Long.MIN_VALUE;
    }

    boolean knowsWindow() {
        return startedAtMs != 0;
    }

    /** End of the pacing window (exclusive): start + 20% of the planned airtime. */
    long windowEndMs() {
        return startedAtMs + plannedMinutes * 60_000L / 5;
    }

    void second(long epochSecond, long change) {
        seconds.computeIfAbsent(epochSecond, s -> new long[1])[0] += change;
    }

    void product(String productId, long fen) {
        productsFen.merge(productId, fen, Long::sum);
    }

    byte[] encode() {
        int size = 1 + 16 + 4 + 4 + 8 + 4 + BYTES + 1 + 4 + seconds.size() * 16 + 4;
        byte[][] names = new byte[productsFen.size()][];
        int i = 0;
        for (String p : productsFen.keySet()) {
            names[i] = p.getBytes(StandardCharsets.UTF_8);
            size += 4 + names[i].length + 8;
            i++;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT).putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits()).putInt(subKey)
                .putInt(subKeys).putLong(startedAtMs).putInt(plannedMinutes);
        writeTotals(b);
        b.put((byte) (closed ? 1 : 0));
        b.putInt(seconds.size());
        seconds.forEach((second, change) -> b.putLong(second).putLong(change[0]));
        b.putInt(names.length);
        i = 0;
        for (long fen : productsFen.values()) {
            b.putInt(names[i].length).put(names[i]).putLong(fen);
            i++;
        }
        return b.array();
    }

    static PartialDelta decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown partial delta format " + format);
        }
        PartialDelta d = new PartialDelta(new UUID(b.getLong(), b.getLong()), b.getInt(), b.getInt(), b.getLong(), b.getInt());
        d.readTotals(b);
        d.closed = b.get() == 1;
        int seconds = b.getInt();
        for (int i = 0; i < seconds; i++) {
            d.seconds.put(b.getLong(), new long[] {b.getLong()});
        }
        int products = b.getInt();
        for (int i = 0; i < products; i++) {
            byte[] name = new byte[b.getInt()];
            b.get(name);
            d.productsFen.put(new String(name, StandardCharsets.UTF_8), b.getLong());
        }
        return d;
    }
}
