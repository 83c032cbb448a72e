package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.TelemetryChunk;
import com.livecommerce.session.telemetry.TelemetryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one chunk of one sub-key to its {@link PartialStore} and says what it changed ({@link PartialDelta}), with the
 * store's work batched per chunk. The chunk is decoded once into arrays; then:
 * <ol>
 * <li>event ids: repeated within the chunk, or "certainly new" by the session's {@link SessionFilter}; only the "maybe"
 * ones are asked of RocksDB, in one multi-get;</li>
 * <li>the members the fresh events touch (viewers, reserving viewers, orders, buyers): known from the chunk itself, or
 * from the store's {@link RecentKeys} (exact), or "certainly new" by the filter; the rest in a second multi-get;</li>
 * <li>the events in line order over an overlay of what the chunk changed; every write goes to RocksDB in one atomic
 * batch with the record's offset ({@link PartialStore.Batch}).</li>
 * </ol>
 * <ul>
 * <li>an event counts once per eventId for the session's whole life (until it is closed), whatever chunk brings it;</li>
 * <li>V viewer, R reserving viewer, B buyer (value: new buyer) are distinct sets;</li>
 * <li>O order: paid(1) amount(8) refunded(8) pendingRefund(8) channel(1) inWindow(1) product(rest): an order paid twice
 * under two eventIds counts once; a refund that arrives before its payment waits for it; refunds never exceed the
 * payment;</li>
 * <li>a SESSION_CLOSE marker closes the sub-key: its members are deleted, and nothing after it counts.</li>
 * </ul>
 * One instance per store (a Streams task): its arrays are reused from chunk to chunk.
 */
final class ChunkAggregation {

    private static final byte[] ONE = {1};
    private static final byte[] EMPTY = {};
    private static final byte[] ABSENT = new byte[0];
    private static final TelemetryType[] TYPES = TelemetryType.values();

    private final PartialStore store;

    // the chunk, decoded once
    private int n;
    private byte[] type = new byte[4096];
    private long[] time = new long[4096];
    private int[] viewerOff = new int[4096], viewerLen = new int[4096], orderOff = new int[4096], orderLen = new int[4096],
            buyerOff = new int[4096], buyerLen = new int[4096], productOff = new int[4096], productLen = new int[4096];
    private boolean[] newBuyer = new boolean[4096];
    private long[] amount = new long[4096];
    private byte[] channel = new byte[4096];
    private Key[] eventKey = new Key[4096], memberKey = new Key[4096], buyerKey = new Key[4096];
    private boolean[] duplicate = new boolean[4096];

    ChunkAggregation(PartialStore store) {
        this.store = store;
    }

    /** A key with its 64-bit hash (computed once: for the chunk's own maps, the recent keys and the session's filter). */
    private record Key(byte[] bytes, long hash) {
        static Key of(byte[] bytes) {
            return new Key(bytes, SessionFilter.hash(bytes, 0, bytes.length));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return (int) (hash ^ hash >>> 32);
        }
    }

    /** Applies a chunk written at {@code offset}; null when its sub-key is closed already (then nothing counts). */
    PartialDelta apply(byte[] chunkBytes, long offset) {
        TelemetryChunk.Reader r = new TelemetryChunk.Reader(chunkBytes);
        UUID session = r.session;
        PartialStore.Batch batch = new PartialStore.Batch();
        int ordinal = store.ordinal(session, batch);
        if (ordinal == PartialStore.CLOSED) {
            store.commit(batch, offset);
            return null;
        }
        PartialDelta d = new PartialDelta(session, r.subKey, r.subKeys, r.startedAtMs, r.plannedMinutes);
        SessionFilter filter = store.filter(session);
        RecentKeys recent = store.recent();
        boolean close = decode(r, ordinal);

        // 1. event ids
        Map<Key, Boolean> inChunk = new HashMap<>(n * 2);
        List<byte[]> lookups = new ArrayList<>();
        List<Integer> lookupIndex = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key k = eventKey[i];
            duplicate[i] = inChunk.putIfAbsent(k, Boolean.TRUE) != null;
            if (!duplicate[i] && filter.mightContain(k.hash)) {
                lookups.add(k.bytes);
                lookupIndex.add(i);
            }
        }
        if (!lookups.isEmpty()) {
            List<byte[]> found = store.multiGet(lookups);
            for (int j = 0; j < found.size(); j++) {
                if (found.get(j) != null) {
                    duplicate[lookupIndex.get(j)] = true;
                }
            }
        }

        // 2. the members the fresh events touch
        Map<Key, byte[]> overlay = new HashMap<>(n * 2);
        List<byte[]> memberLookups = new ArrayList<>();
        List<Key> memberLookupKeys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            memberKey[i] = null;
            buyerKey[i] = null;
            if (duplicate[i]) {
                continue;
            }
            TelemetryType t = TYPES[type[i]];
            memberKey[i] = switch (t) {
                case VIEWER_ENTER, VIEWER_LEAVE -> member(ordinal, PartialStore.VIEWER, chunkBytes, viewerOff[i], viewerLen[i]);
                case RESERVATION -> member(ordinal, PartialStore.RESERVER, chunkBytes, viewerOff[i], viewerLen[i]);
                case ORDER_PAID, ORDER_REFUNDED -> member(ordinal, PartialStore.ORDER, chunkBytes, orderOff[i], orderLen[i]);
                default -> null;
            };
            if (t == TelemetryType.ORDER_PAID) {
                buyerKey[i] = member(ordinal, PartialStore.BUYER, chunkBytes, buyerOff[i], buyerLen[i]);
            }
            resolve(memberKey[i], t != TelemetryType.ORDER_PAID && t != TelemetryType.ORDER_REFUNDED, overlay, filter, recent,
                    memberLookups, memberLookupKeys);
            resolve(buyerKey[i], false, overlay, filter, recent, memberLookups, memberLookupKeys);
        }
        if (!memberLookups.isEmpty()) {
            List<byte[]> found = store.multiGet(memberLookups);
            for (int j = 0; j < found.size(); j++) {
                overlay.put(memberLookupKeys.get(j), found.get(j) == null ? ABSENT : found.get(j));
            }
        }

        // 3. the events in line order
        Map<Key, byte[]> dirty = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (duplicate[i]) {
                d.duplicates++;
                continue;
            }
            d.events++;
            d.maxEventMs = Math.max(d.maxEventMs, time[i]);
            if (!close) {
                batch.put(eventKey[i].bytes, EMPTY);
            }
            switch (TYPES[type[i]]) {
                case VIEWER_ENTER, VIEWER_LEAVE -> {
                    if (firstTime(memberKey[i], overlay, dirty)) {
                        d.uv++;
                    }
                    long relative = time[i] - d.startedAtMs;
                    if (type[i] == TelemetryType.VIEWER_ENTER.ordinal()) {
                        d.enters++;
                        d.enterSumMs += relative;
                        d.second(Math.floorDiv(time[i], 1000), 1);
                    } else {
                        d.leaves++;
                        d.leaveSumMs += relative;
                        d.second(Math.floorDiv(time[i], 1000), -1);
                    }
                }
                case RESERVATION -> {
                    if (firstTime(memberKey[i], overlay, dirty)) {
                        d.reservations++;
                    }
                }
                case AD_SPEND -> {
                    d.spendByChannelFen[channel[i]] += amount[i];
                    if (d.knowsWindow() && time[i] < d.windowEndMs()) {
                        d.windowSpendFen += amount[i];
                    }
                }
                case ORDER_PAID -> paid(d, i, chunkBytes, overlay, dirty);
                case ORDER_REFUNDED -> refunded(d, i, overlay, dirty);
                default -> {
                }
            }
        }
        if (close) {
            d.closed = true;
            batch.close(session);
        } else {
            for (var e : dirty.entrySet()) {
                batch.put(e.getKey().bytes, e.getValue());
            }
        }
        store.commit(batch, offset);
        if (!close) {
            for (int i = 0; i < n; i++) {
                if (!duplicate[i]) {
                    filter.add(eventKey[i].hash);
                }
            }
            for (Key k : dirty.keySet()) {
                filter.add(k.hash);
                if (k.bytes[PartialStore.KIND] == PartialStore.VIEWER || k.bytes[PartialStore.KIND] == PartialStore.RESERVER) {
                    recent.add(k.bytes, k.hash);
                }
            }
        }
        return d;
    }

    /**
     * Reads the chunk's events into the arrays (up to a SESSION_CLOSE marker: nothing after it counts) and builds their
     * event keys; true when the chunk closes the sub-key.
     */
    private boolean decode(TelemetryChunk.Reader r, int ordinal) {
        n = 0;
        byte[] b = r.bytes();
        while (r.next()) {
            if (r.type == TelemetryType.SESSION_CLOSE) {
                return true;
            }
            if (n == type.length) {
                grow(n * 2);
            }
            type[n] = (byte) r.type.ordinal();
            time[n] = r.timeMs;
            viewerOff[n] = r.viewerOffset;
            viewerLen[n] = r.viewerLength;
            orderOff[n] = r.orderOffset;
            orderLen[n] = r.orderLength;
            buyerOff[n] = r.buyerOffset;
            buyerLen[n] = r.buyerLength;
            productOff[n] = r.productOffset;
            productLen[n] = r.productLength;
            newBuyer[n] = r.newBuyer;
            amount[n] = r.amountFen;
            channel[n] = (byte) (r.channel == null ? -1 : r.channel.ordinal());
            eventKey[n] = Key.of(PartialStore.memberKey(ordinal, PartialStore.EVENT, b, r.eventIdOffset, r.eventIdLength));
            n++;
        }
        return false;
    }

    private void grow(int size) {
        type = Arrays.copyOf(type, size);
        time = Arrays.copyOf(time, size);
        viewerOff = Arrays.copyOf(viewerOff, size);
        viewerLen = Arrays.copyOf(viewerLen, size);
        orderOff = Arrays.copyOf(orderOff, size);
        orderLen = Arrays.copyOf(orderLen, size);
        buyerOff = Arrays.copyOf(buyerOff, size);
        buyerLen = Arrays.copyOf(buyerLen, size);
        productOff = Arrays.copyOf(productOff, size);
        productLen = Arrays.copyOf(productLen, size);
        newBuyer = Arrays.copyOf(newBuyer, size);
        amount = Arrays.copyOf(amount, size);
        channel = Arrays.copyOf(channel, size);
        eventKey = Arrays.copyOf(eventKey, size);
        memberKey = Arrays.copyOf(memberKey, size);
        buyerKey = Arrays.copyOf(buyerKey, size);
        duplicate = Arrays.copyOf(duplicate, size);
    }

    /**
     * What the chunk knows of a member before applying its events: already in the overlay; known (a set member that
     * {@link RecentKeys} holds: its value is irrelevant); certainly absent (filter); or to be asked of RocksDB.
     */
    private static void resolve(Key k, boolean setMember, Map<Key, byte[]> overlay, SessionFilter filter, RecentKeys recent,
            List<byte[]> lookups, List<Key> lookupKeys) {
        if (k == null || overlay.containsKey(k)) {
            return;
        }
        if (!filter.mightContain(k.hash)) {
            overlay.put(k, ABSENT);
        } else if (setMember && recent.contains(k.bytes, k.hash)) {
            overlay.put(k, ONE);
        } else {
            overlay.put(k, null); // asked below
            lookups.add(k.bytes);
            lookupKeys.add(k);
        }
    }

    private static Key member(int ordinal, byte kind, byte[] bytes, int offset, int length) {
        return Key.of(PartialStore.memberKey(ordinal, kind, bytes, offset, length));
    }

    private static boolean firstTime(Key key, Map<Key, byte[]> overlay, Map<Key, byte[]> dirty) {
        if (overlay.get(key) != ABSENT) {
            return false;
        }
        overlay.put(key, ONE);
        dirty.put(key, ONE);
        return true;
    }

    private void paid(PartialDelta d, int i, byte[] chunk, Map<Key, byte[]> overlay, Map<Key, byte[]> dirty) {
        Key orderKey = memberKey[i];
        byte[] old = overlay.get(orderKey);
        ByteBuffer o = old == ABSENT ? null : ByteBuffer.wrap(old);
        if (o != null && o.get(0) == 1) {
            d.duplicates++; // the same order paid twice under another eventId counts once (as an event, not as an order)
            return;
        }
        long pending = o == null ? 0 : o.getLong(17);
        long refund = Math.min(pending, amount[i]);
        long net = amount[i] - refund;
        boolean inWindow = d.knowsWindow() && time[i] < d.windowEndMs();
        ByteBuffer rec = ByteBuffer.allocate(27 + productLen[i]);
        rec.put((byte) 1).putLong(amount[i]).putLong(refund).putLong(0L).put(channel[i])
                .put((byte) (inWindow ? 1 : 0)).put(chunk, productOff[i], productLen[i]);
        overlay.put(orderKey, rec.array());
        dirty.put(orderKey, rec.array());
        d.orders++;
        d.gmvFen += net;
        d.gmvByChannelFen[channel[i]] += net;
        if (inWindow) {
            d.windowGmvFen += net;
        }
        d.product(new String(chunk, productOff[i], productLen[i], StandardCharsets.UTF_8), net);
        Key buyerK = buyerKey[i];
        byte[] buyer = overlay.get(buyerK);
        if (buyer == ABSENT) {
            d.buyers++;
            if (newBuyer[i]) {
                d.newBuyers++;
            }
            byte[] flag = {(byte) (newBuyer[i] ? 1 : 0)};
            overlay.put(buyerK, flag);
            dirty.put(buyerK, flag);
        } else if (buyer[0] == 0 && newBuyer[i]) {
            d.newBuyers++;
            overlay.put(buyerK, ONE);
            dirty.put(buyerK, ONE);
        }
    }

    private void refunded(PartialDelta d, int i, Map<Key, byte[]> overlay, Map<Key, byte[]> dirty) {
        Key orderKey = memberKey[i];
        byte[] old = overlay.get(orderKey);
        if (old == ABSENT || old[0] == 0) { // the payment has not arrived (yet): keep the refund for it
            ByteBuffer rec = old == ABSENT ? ByteBuffer.allocate(27) : ByteBuffer.wrap(old.clone());
            rec.put(0, (byte) 0).putLong(17, rec.getLong(17) + amount[i]);
            overlay.put(orderKey, rec.array());
            dirty.put(orderKey, rec.array());
            return;
        }
        ByteBuffer rec = ByteBuffer.wrap(old.clone());
        long paid = rec.getLong(1);
        long refundedSoFar = rec.getLong(9);
        long refund = Math.min(amount[i], paid - refundedSoFar);
        if (refund <= 0) {
            return;
        }
        rec.putLong(9, refundedSoFar + refund);
        overlay.put(orderKey, rec.array());
        dirty.put(orderKey, rec.array());
        int ch = rec.get(25);
        d.gmvFen -= refund;
        d.gmvByChannelFen[ch] -= refund;
        if (rec.get(26) == 1) {
            d.windowGmvFen -= refund;
        }
        d.product(new String(old, 27, old.length - 27, StandardCharsets.UTF_8), -refund);
    }
}
