package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.SalesChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The merge stage: adds every sub-key's {@link PartialDelta} to its session's totals and builds the session's
 * {@link KpiSnapshot}. Per session, in its store (changelogged by Streams; a few writes per chunk, not per event):
 * {@code A} the {@link MergedSession}; {@code S + minute} the net change of concurrent viewers of each second of that
 * minute (60 longs), from which the peak is the largest running sum over every sub-key's viewers together;
 * {@code P + product} the product's GMV in fen. Once a session is closed its snapshot is final and its {@code S} and
 * {@code P} records are deleted (the {@code A} record stays, so a stray late delta changes nothing).
 */
final class MergeStage {

    /** What the stage needs of its key-value store (bytes in, bytes out, prefix scans in key order). */
    interface Store {
        byte[] get(byte[] key);

        void put(byte[] key, byte[] value);

        void delete(byte[] key);

        void scan(byte[] prefix, BiConsumer<byte[], byte[]> each);
    }

    static final byte AGGREGATE = 'A', SECONDS = 'S', PRODUCT = 'P';

    private final Store store;

    MergeStage(Store store) {
        this.store = store;
    }

    /** Adds a delta; true when it closed its session (the final snapshot is due), false otherwise (or already closed). */
    boolean apply(PartialDelta d) {
        byte[] aKey = PartialStore.key(d.session, AGGREGATE, null, 0, 0);
        MergedSession m = MergedSession.fromBytes(store.get(aKey));
        if (m.closed) {
            return false;
        }
        boolean closedNow = m.add(d);
        long block = Long.MIN_VALUE;
        long[] seconds = null;
        for (var e : d.seconds.entrySet()) {
            long minute = Math.floorDiv(e.getKey(), 60);
            if (minute != block) {
                if (seconds != null) {
                    putSeconds(d.session, block, seconds);
                }
                block = minute;
                seconds = getSeconds(d.session, minute);
            }
            seconds[(int) Math.floorMod(e.getKey(), 60)] += e.getValue()[0];
        }
        if (seconds != null) {
            putSeconds(d.session, block, seconds);
        }
        d.productsFen.forEach((product, fen) -> {
            byte[] pKey = productKey(d.session, product);
            byte[] old = store.get(pKey);
            store.put(pKey, ByteBuffer.allocate(8).putLong((old == null ? 0 : ByteBuffer.wrap(old).getLong()) + fen).array());
        });
        store.put(aKey, m.toBytes());
        return closedNow;
    }

    /** The session's snapshot now; marks it published (and, once closed, drops what only the snapshot needed). */
    KpiSnapshot publish(UUID session, long nowMs) {
        byte[] aKey = PartialStore.key(session, AGGREGATE, null, 0, 0);
        MergedSession m = MergedSession.fromBytes(store.get(aKey));
        long[] peak = {0, 0}; // peak, running
        List<byte[]> stale = new ArrayList<>();
        store.scan(PartialStore.key(session, SECONDS, null, 0, 0), (k, v) -> {
            ByteBuffer b = ByteBuffer.wrap(v);
            for (int i = 0; i < 60; i++) {
                peak[1] += b.getLong();
                peak[0] = Math.max(peak[0], peak[1]);
            }
            stale.add(k);
        });
        Map<String, Long> products = new LinkedHashMap<>();
        store.scan(PartialStore.key(session, PRODUCT, null, 0, 0), (k, v) -> {
            products.put(new String(k, 17, k.length - 17, StandardCharsets.UTF_8), ByteBuffer.wrap(v).getLong());
            stale.add(k);
        });
        m.snapshotPending = false;
        store.put(aKey, m.toBytes());
        if (m.closed) {
            stale.forEach(store::delete);
        }
        return new KpiSnapshot(session.toString(), m.events, m.duplicates, m.uv, m.buyers, m.newBuyers, m.reservations, m.orders,
                m.gmvFen, channels(m.gmvByChannelFen, 3), channels(m.spendByChannelFen, 2), m.enters, m.leaves, m.enterSumMs,
                m.leaveSumMs, m.baseMs, m.plannedMinutes, m.maxEventMs, peak[0], m.windowGmvFen, m.windowSpendFen, products, m.closed,
                nowMs);
    }

    /** Sessions changed since their last snapshot (after a restart: published at the next punctuation). */
    List<UUID> pending() {
        List<UUID> pending = new ArrayList<>();
        store.scan(new byte[0], (k, v) -> {
            if (k.length == 17 && k[16] == AGGREGATE && MergedSession.fromBytes(v).snapshotPending) {
                pending.add(PartialStore.session(k, 0));
            }
        });
        return pending;
    }

    private long[] getSeconds(UUID session, long minute) {
        byte[] v = store.get(secondsKey(session, minute));
        long[] s = new long[60];
        if (v != null) {
            ByteBuffer.wrap(v).asLongBuffer().get(s);
        }
        return s;
    }

    private void putSeconds(UUID session, long minute, long[] seconds) {
        ByteBuffer b = ByteBuffer.allocate(480);
        b.asLongBuffer().put(seconds);
        store.put(secondsKey(session, minute), b.array());
    }

    static byte[] secondsKey(UUID session, long minute) {
        // sign bit flipped, so that byte order is numeric order for any minute
        byte[] k = PartialStore.key(session, SECONDS, new byte[8], 0, 8);
        ByteBuffer.wrap(k, 17, 8).putLong(minute ^ Long.MIN_VALUE);
        return k;
    }

    static byte[] productKey(UUID session, String product) {
        byte[] p = product.getBytes(StandardCharsets.UTF_8);
        return PartialStore.key(session, PRODUCT, p, 0, p.length);
    }

    private static Map<String, Long> channels(long[] values, int count) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            m.put(SalesChannel.values()[i].name(), values[i]);
        }
        return m;
    }
}
