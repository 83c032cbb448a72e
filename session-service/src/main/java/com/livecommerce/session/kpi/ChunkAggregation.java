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
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Applies one chunk of one sub-key to its {@link PartialStore} and says what it changed ({@link PartialDelta}), with the
 * store's work batched per chunk: the event ids are checked against the session's {@link SessionFilter} and only the
 * "maybe" ones against RocksDB, in one multi-get; then the members the fresh events need (viewers, reserving viewers,
 * orders, buyers) the same way, in a second multi-get; then the events are applied in line order over an overlay of what
 * the chunk itself changed, and every write goes to RocksDB in one atomic batch with the record's offset.
 * <ul>
 * <li>an event counts once per eventId for the session's whole life (until it is closed), whatever chunk brings it;</li>
 * <li>V viewer, R reserving viewer, B buyer (value: new buyer) are distinct sets;</li>
 * <li>O order: paid(1) amount(8) refunded(8) pendingRefund(8) channel(1) inWindow(1) product(rest): an order paid twice
 * under two eventIds counts once; a refund that arrives before its payment waits for it; refunds never exceed the
 * payment;</li>
 * <li>a SESSION_CLOSE marker closes the sub-key: its members are deleted, and nothing after it counts.</li>
 * </ul>
 */
final class ChunkAggregation {

    private static final byte[] ONE = {1};
    private static final byte[] EMPTY = {};
    private static final byte[] ABSENT = new byte[0];

    private final PartialStore store;

    ChunkAggregation(PartialStore store) {
        this.store = store;
    }

    /** A key with its 64-bit hash (computed once: for the chunk's own maps and for the session's filter). */
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
        TelemetryChunk.Reader head = new TelemetryChunk.Reader(chunkBytes);
        UUID session = head.session;
        try (WriteBatch batch = new WriteBatch()) {
            if (store.closed(session)) {
                store.commit(batch, offset);
                return null;
            }
            PartialDelta d = new PartialDelta(session, head.subKey, head.subKeys, head.startedAtMs, head.plannedMinutes);
            SessionFilter filter = store.filter(session);

            // 1. event ids: repeated in the chunk, or maybe seen before (filter), then asked in one multi-get
            List<Key> eventKeys = new ArrayList<>(4096);
            List<Boolean> duplicate = new ArrayList<>(4096);
            Map<Key, Integer> inChunk = new HashMap<>(8192);
            List<byte[]> lookups = new ArrayList<>();
            List<Integer> lookupIndex = new ArrayList<>();
            boolean close = false;
            TelemetryChunk.Reader r = new TelemetryChunk.Reader(chunkBytes);
            while (r.next()) {
                if (r.type == TelemetryType.SESSION_CLOSE) {
                    close = true;
                    break; // nothing after the close marker counts
                }
                Key k = Key.of(PartialStore.key(session, PartialStore.EVENT, chunkBytes, r.eventIdOffset, r.eventIdLength));
                int i = eventKeys.size();
                eventKeys.add(k);
                boolean repeated = inChunk.putIfAbsent(k, i) != null;
                duplicate.add(repeated);
                if (!repeated && filter.mightContain(k.hash())) {
                    lookups.add(k.bytes());
                    lookupIndex.add(i);
                }
            }
            if (!lookups.isEmpty()) {
                List<byte[]> found = store.multiGet(lookups);
                for (int j = 0; j < found.size(); j++) {
                    if (found.get(j) != null) {
                        duplicate.set(lookupIndex.get(j), true);
                    }
                }
            }

            // 2. the members the fresh events touch: known in the chunk, certainly new (filter), or asked in one multi-get
            Map<Key, byte[]> overlay = new HashMap<>(8192);
            List<byte[]> memberLookups = new ArrayList<>();
            List<Key> memberLookupKeys = new ArrayList<>();
            Key[] memberKey = new Key[eventKeys.size()];
            Key[] buyerKey = new Key[eventKeys.size()];
            r = new TelemetryChunk.Reader(chunkBytes);
            for (int i = 0; i < eventKeys.size() && r.next(); i++) {
                if (duplicate.get(i)) {
                    continue;
                }
                memberKey[i] = switch (r.type) {
                    case VIEWER_ENTER, VIEWER_LEAVE -> member(session, PartialStore.VIEWER, chunkBytes, r.viewerOffset, r.viewerLength);
                    case RESERVATION -> member(session, PartialStore.RESERVER, chunkBytes, r.viewerOffset, r.viewerLength);
                    case ORDER_PAID, ORDER_REFUNDED -> member(session, PartialStore.ORDER, chunkBytes, r.orderOffset, r.orderLength);
                    default -> null;
                };
                if (r.type == TelemetryType.ORDER_PAID) {
                    buyerKey[i] = member(session, PartialStore.BUYER, chunkBytes, r.buyerOffset, r.buyerLength);
                }
                for (Key k : new Key[] {memberKey[i], buyerKey[i]}) {
                    if (k != null && !overlay.containsKey(k)) {
                        if (filter.mightContain(k.hash())) {
                            overlay.put(k, null); // asked below
                            memberLookups.add(k.bytes);
                            memberLookupKeys.add(k);
                        } else {
                            overlay.put(k, ABSENT);
                        }
                    }
                }
            }
            if (!memberLookups.isEmpty()) {
                List<byte[]> found = store.multiGet(memberLookups);
                for (int j = 0; j < found.size(); j++) {
                    overlay.put(memberLookupKeys.get(j), found.get(j) == null ? ABSENT : found.get(j));
                }
            }

            // 3. the events in line order
            Map<Key, byte[]> dirty = new HashMap<>(8192);
            r = new TelemetryChunk.Reader(chunkBytes);
            for (int i = 0; i < eventKeys.size() && r.next(); i++) {
                if (duplicate.get(i)) {
                    d.duplicates++;
                    continue;
                }
                d.events++;
                d.maxEventMs = Math.max(d.maxEventMs, r.timeMs);
                batch.put(eventKeys.get(i).bytes(), EMPTY);
                switch (r.type) {
                    case VIEWER_ENTER, VIEWER_LEAVE -> {
                        if (firstTime(memberKey[i], overlay, dirty)) {
                            d.uv++;
                        }
                        long relative = r.timeMs - d.startedAtMs;
                        if (r.type == TelemetryType.VIEWER_ENTER) {
                            d.enters++;
                            d.enterSumMs += relative;
                            d.second(Math.floorDiv(r.timeMs, 1000), 1);
                        } else {
                            d.leaves++;
                            d.leaveSumMs += relative;
                            d.second(Math.floorDiv(r.timeMs, 1000), -1);
                        }
                    }
                    case RESERVATION -> {
                        if (firstTime(memberKey[i], overlay, dirty)) {
                            d.reservations++;
                        }
                    }
                    case AD_SPEND -> {
                        d.spendByChannelFen[r.channel.ordinal()] += r.amountFen;
                        if (d.knowsWindow() && r.timeMs < d.windowEndMs()) {
                            d.windowSpendFen += r.amountFen;
                        }
                    }
                    case ORDER_PAID -> paid(d, r, memberKey[i], buyerKey[i], overlay, dirty);
                    case ORDER_REFUNDED -> refunded(d, r, memberKey[i], overlay, dirty);
                    default -> {
                    }
                }
            }
            if (close) {
                d.closed = true;
                store.closeSession(batch, session);
            } else {
                for (var e : dirty.entrySet()) {
                    batch.put(e.getKey().bytes(), e.getValue());
                }
            }
            store.commit(batch, offset);
            if (!close) {
                for (int i = 0; i < eventKeys.size(); i++) {
                    if (!duplicate.get(i)) {
                        filter.add(eventKeys.get(i).hash());
                    }
                }
                for (Key k : dirty.keySet()) {
                    filter.add(k.hash());
                }
            }
            return d;
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Key member(UUID session, byte kind, byte[] bytes, int offset, int length) {
        return Key.of(PartialStore.key(session, kind, bytes, offset, length));
    }

    private static boolean firstTime(Key key, Map<Key, byte[]> overlay, Map<Key, byte[]> dirty) {
        if (overlay.get(key) != ABSENT) {
            return false;
        }
        overlay.put(key, ONE);
        dirty.put(key, ONE);
        return true;
    }

    private static void paid(PartialDelta d, TelemetryChunk.Reader r, Key orderKey, Key buyerKey, Map<Key, byte[]> overlay,
            Map<Key, byte[]> dirty) {
        byte[] old = overlay.get(orderKey);
        ByteBuffer o = old == ABSENT ? null : ByteBuffer.wrap(old);
        if (o != null && o.get(0) == 1) {
            d.duplicates++; // the same order paid twice under another eventId counts once (as an event, not as an order)
            return;
        }
        long pending = o == null ? 0 : o.getLong(17);
        long refund = Math.min(pending, r.amountFen);
        long net = r.amountFen - refund;
        boolean inWindow = d.knowsWindow() && r.timeMs < d.windowEndMs();
        ByteBuffer rec = ByteBuffer.allocate(27 + r.productLength);
        rec.put((byte) 1).putLong(r.amountFen).putLong(refund).putLong(0L).put((byte) r.channel.ordinal())
                .put((byte) (inWindow ? 1 : 0)).put(r.bytes(), r.productOffset, r.productLength);
        overlay.put(orderKey, rec.array());
        dirty.put(orderKey, rec.array());
        d.orders++;
        d.gmvFen += net;
        d.gmvByChannelFen[r.channel.ordinal()] += net;
        if (inWindow) {
            d.windowGmvFen += net;
        }
        d.product(r.productId(), net);
        byte[] buyer = overlay.get(buyerKey);
        if (buyer == ABSENT) {
            d.buyers++;
            if (r.newBuyer) {
                d.newBuyers++;
            }
            byte[] flag = {(byte) (r.newBuyer ? 1 : 0)};
            overlay.put(buyerKey, flag);
            dirty.put(buyerKey, flag);
        } else if (buyer[0] == 0 && r.newBuyer) {
            d.newBuyers++;
            overlay.put(buyerKey, ONE);
            dirty.put(buyerKey, ONE);
        }
    }

    private static void refunded(PartialDelta d, TelemetryChunk.Reader r, Key orderKey, Map<Key, byte[]> overlay,
            Map<Key, byte[]> dirty) {
        byte[] old = overlay.get(orderKey);
        if (old == ABSENT || old[0] == 0) { // the payment has not arrived (yet): keep the refund for it
            ByteBuffer rec = old == ABSENT ? ByteBuffer.allocate(27) : ByteBuffer.wrap(old.clone());
            rec.put(0, (byte) 0).putLong(17, rec.getLong(17) + r.amountFen);
            overlay.put(orderKey, rec.array());
            dirty.put(orderKey, rec.array());
            return;
        }
        ByteBuffer rec = ByteBuffer.wrap(old.clone());
        long amount = rec.getLong(1);
        long refundedSoFar = rec.getLong(9);
        long refund = Math.min(r.amountFen, amount - refundedSoFar);
        if (refund <= 0) {
            return;
        }
        rec.putLong(9, refundedSoFar + refund);
        overlay.put(orderKey, rec.array());
        dirty.put(orderKey, rec.array());
        int channel = rec.get(25);
        d.gmvFen -= refund;
        d.gmvByChannelFen[channel] -= refund;
        if (rec.get(26) == 1) {
            d.windowGmvFen -= refund;
        }
        d.product(new String(old, 27, old.length - 27, StandardCharsets.UTF_8), -refund);
    }
}
