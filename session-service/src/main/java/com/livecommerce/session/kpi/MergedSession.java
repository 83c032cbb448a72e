package com.livecommerce.session.kpi;

import java.nio.ByteBuffer;

/**
 * The running totals of one session in the merge stage (the {@code A} record of its store): the sum of every sub-key's
 * {@link PartialDelta}s, in exact integers (money in fen, watch times in milliseconds relative to the session's start, so
 * sums stay far from overflow even for millions of viewers). Which sub-keys have closed is a bit set: the session is
 * closed when all {@link #subKeys} have.
 */
final class MergedSession {

    static final int FORMAT = 2;
    static final int CHANNELS = PartialDelta.CHANNELS;

    long events, duplicates, uv, buyers, newBuyers, reservations, orders, gmvFen;
    final long[] gmvByChannelFen = new long[CHANNELS];
    final long[] spendByChannelFen = new long[CHANNELS];
    long enters, leaves, enterSumMs, leaveSumMs;
    long baseMs;            // the session's start, 0 until known
    long plannedMinutes;
    long maxEventMs;        // latest event time seen (absolute)
    long windowGmvFen, windowSpendFen;
    int subKeys;            // known from the close markers (each carries it)
    long closedSubKeys;     // bit k: sub-key k is closed
    boolean closed;
    boolean snapshotPending; // changed since the last snapshot went out

    /** Adds a sub-key's delta; true when this delta closed the session. */
    boolean add(PartialDelta d) {
        events += d.events;
        duplicates += d.duplicates;
        uv += d.uv;
        buyers += d.buyers;
        newBuyers += d.newBuyers;
        reservations += d.reservations;
        orders += d.orders;
        gmvFen += d.gmvFen;
        for (int i = 0; i < CHANNELS; i++) {
            gmvByChannelFen[i] += d.gmvByChannelFen[i];
            spendByChannelFen[i] += d.spendByChannelFen[i];
        }
        enters += d.enters;
        leaves += d.leaves;
        enterSumMs += d.enterSumMs;
        leaveSumMs += d.leaveSumMs;
        if (baseMs == 0 && d.startedAtMs != 0) {
            baseMs = d.startedAtMs;
            plannedMinutes = d.plannedMinutes;
        }
        maxEventMs = Math.max(maxEventMs, d.maxEventMs);
        windowGmvFen += d.windowGmvFen;
        windowSpendFen += d.windowSpendFen;
        snapshotPending = true;
        if (d.closed) {
            subKeys = d.subKeys;
            closedSubKeys |= 1L << d.subKey;
            if (Long.bitCount(closedSubKeys) >= subKeys) {
                closed = true;
                return true;
            }
        }
        return false;
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * (8 + 2 * CHANNELS + 9) + 4 + 8 + 2);
        b.putInt(FORMAT);
        b.putLong(events).putLong(duplicates).putLong(uv).putLong(buyers).putLong(newBuyers).putLong(reservations).putLong(orders)
                .putLong(gmvFen);
        for (long v : gmvByChannelFen) {
            b.putLong(v);
        }
        for (long v : spendByChannelFen) {
            b.putLong(v);
        }
        b.putLong(enters).putLong(leaves).putLong(enterSumMs).putLong(leaveSumMs).putLong(baseMs).putLong(plannedMinutes)
                .putLong(maxEventMs).putLong(windowGmvFen).putLong(windowSpendFen);
        b.putInt(subKeys).putLong(closedSubKeys);
        b.put((byte) (closed ? 1 : 0)).put((byte) (snapshotPending ? 1 : 0));
        return b.array();
    }

    static MergedSession fromBytes(byte[] bytes) {
        MergedSession a = new MergedSession();
        if (bytes == null) {
            return a;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int format = b.getInt();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown merged session format " + format);
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
        a.subKeys = b.getInt();
        a.closedSubKeys = b.getLong();
        a.closed = b.get() == 1;
        a.snapshotPending = b.get() == 1;
        return a;
    }
}
