package com.livecommerce.session.kpi;

import java.nio.ByteBuffer;

/**
 * The running totals of one session in the merge stage (the {@code A} record of its store): the sum of every sub-key's
 * {@link PartialDelta}s ({@link SessionTotals}: exact integers, watch times relative to the session's start, so sums stay
 * far from overflow even for millions of viewers). Which sub-keys have closed is a bit set: the session is
 * closed when all {@link #subKeys} have.
 */
final class MergedSession extends SessionTotals {

    static final int FORMAT = 3;

    long baseMs;            // the session's start, 0 until known
    long plannedMinutes;
    int subKeys;            // known from the close markers (each carries it)
    long closedSubKeys;     // bit k: sub-key k is closed
    boolean closed;
    boolean snapshotPending; // changed since the last snapshot went out

    /** Adds a sub-key's delta; true when this delta closed the session. */
    boolean add(PartialDelta d) {
        super.add(d);
        if (baseMs == 0 && d.startedAtMs != 0) {
            baseMs = d.startedAtMs;
            plannedMinutes = d.plannedMinutes;
        }
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
        ByteBuffer b = ByteBuffer.allocate(4 + BYTES + 16 + 4 + 8 + 2);
        b.putInt(FORMAT);
        writeTotals(b);
        b.putLong(baseMs).putLong(plannedMinutes);
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
        a.readTotals(b);
        a.baseMs = b.getLong();
        a.plannedMinutes = b.getLong();
        a.subKeys = b.getInt();
        a.closedSubKeys = b.getLong();
        a.closed = b.get() == 1;
        a.snapshotPending = b.get() == 1;
        return a;
    }
}
