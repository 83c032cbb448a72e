package com.livecommerce.session.kpi;

import java.nio.ByteBuffer;

/**
 * The running totals of one session in the aggregation (store {@code session-aggregates}), in exact
 * integers: money in fen, times in milliseconds relative to {@link #baseMs} (the session's start), so
 * sums stay far from overflow even for millions of viewers. Distinct sets (viewers, buyers, reservers,
 * orders, products, per-second concurrency deltas) live in the RocksDB store {@code session-members},
 * never on the heap.
 */
public final class SessionAggregate {

    static final int VERSION = 1;
    static final int CHANNELS = 3; // PAID_PROMOTION, FAN_BOOST, ORGANIC (SalesChannel order)

    public long events;            // distinct events applied
    public long duplicates;        // events whose eventId was seen before
    public long uv;                // distinct viewers
    public long buyers;            // distinct buyers (of paid orders)
    public long newBuyers;         // distinct buyers flagged new on any of their paid orders
    public long reservations;      // distinct reserving viewers
    public long orders;            // distinct paid orders
    public long gmvFen;            // paid minus refunded
    public final long[] gmvByChannelFen = new long[CHANNELS];
    public final long[] spendByChannelFen = new long[CHANNELS];
    public long enters;
    public long leaves;
    public long enterSumMs;        // sum of (enter time - base)
    public long leaveSumMs;        // sum of (leave time - base)
    public long baseMs;            // the session's start (from the record header), 0 until known
    public long plannedMinutes;
    public long maxEventMs;        // latest event time seen (absolute)
    public long windowGmvFen;      // GMV of orders paid in the first 20% of the planned airtime (net of their refunds)
    public long windowSpendFen;    // ad spend in that window
    public boolean closed;         // the SESSION_CLOSE marker was seen: nothing after it counts
    public boolean snapshotPending; // changed since the last snapshot went out

    public boolean knowsWindow() {
        return baseMs != 0;
    }

    /** End of the pacing window (exclusive): start + 20% of the planned airtime. */
    public long windowEndMs() {
        return baseMs + plannedMinutes * 60_000L / 5;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * (18 + 2 * CHANNELS) + 2);
        b.putInt(VERSION);
        b.putLong(events).putLong(duplicates).putLong(uv).putLong(buyers).putLong(newBuyers).putLong(reservations)
                .putLong(orders).putLong(gmvFen);
        for (long v : gmvByChannelFen) {
            b.putLong(v);
        }
        for (long v : spendByChannelFen) {
            b.putLong(v);
        }
        b.putLong(enters).putLong(leaves).putLong(enterSumMs).putLong(leaveSumMs).putLong(baseMs).putLong(plannedMinutes)
                .putLong(maxEventMs).putLong(windowGmvFen).putLong(windowSpendFen).putLong(0L);
        b.put((byte) (closed ? 1 : 0)).put((byte) (snapshotPending ? 1 : 0));
        return b.array();
    }

    public static SessionAggregate fromBytes(byte[] bytes) {
        SessionAggregate a = new SessionAggregate();
        if (bytes == null) {
            return a;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalStateException("unknown aggregate version " + version);
        }
        a.events = b.getLong();
        a.duplicates = b.getLong();
        a.uv = b.getLong();
        a.buyers = b.getLong();
        a.newBuyers = b.getLong();
        a.reservations = b.getLong();
        a.orders = b.getLong();
        a.gmvFen = b.getLong();
        for (int i = 0; i < CHANNELS; i++) {
            a.gmvByChannelFen[i] = b.getLong();
        }
        for (int i = 0; i < CHANNELS; i++) {
            a.spendByChannelFen[i] = b.getLong();
        }
        a.enters = b.getLong();
        a.leaves = b.getLong();
        a.enterSumMs = b.getLong();
        a.leaveSumMs = b.getLong();
        a.baseMs = b.getLong();
        a.plannedMinutes = b.getLong();
        a.maxEventMs = b.getLong();
        a.windowGmvFen = b.getLong();
        a.windowSpendFen = b.getLong();
        b.getLong(); // reserved
        a.closed = b.get() == 1;
        a.snapshotPending = b.get() == 1;
        return a;
    }
}
