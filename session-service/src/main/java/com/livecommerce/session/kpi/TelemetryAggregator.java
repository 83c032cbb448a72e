package com.livecommerce.session.kpi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.session.telemetry.SalesChannel;
import com.livecommerce.session.telemetry.TelemetryEvent;
import com.livecommerce.session.telemetry.TelemetryParser;
import com.livecommerce.session.telemetry.TelemetryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

/**
 * Applies telemetry to a session's totals, exactly once per eventId (the window store {@code telemetry-dedup},
 * retention at least the allowed lateness), with distinct sets in RocksDB ({@code session-members}):
 * <ul>
 * <li>V viewer, R reserving viewer, B buyer (flag: new) — distinct counts;</li>
 * <li>O order: paid amount, channel, product, refunded and pending refund — a refund that arrives before its
 * payment is applied when the payment comes; refunds never exceed the payment;</li>
 * <li>P product GMV; S per-second net change of concurrent viewers (enter +1, leave -1 at the event's second),
 * from which the peak is the largest running sum.</li>
 * </ul>
 * Every change is written to the stores (changelogged, exactly_once_v2), so a restart or a rebalance resumes
 * from the last committed state. A wall-clock punctuation publishes a snapshot of each changed session to
 * {@code session-kpi-snapshots}; a session's SESSION_CLOSE marker publishes its final snapshot, and nothing
 * after it counts.
 */
public class TelemetryAggregator implements Processor<byte[], byte[], String, byte[]> {

    private static final Logger LOG = Logger.getLogger(TelemetryAggregator.class);
    private static final byte[] ONE = {1};
    static final byte VIEWER = 'V', RESERVER = 'R', BUYER = 'B', ORDER = 'O', PRODUCT = 'P', SECOND = 'S';

    private final Duration snapshotInterval;
    private final Duration dedupRetention;
    private final TelemetryParser parser = new TelemetryParser(new JsonFactory());
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, SessionAggregate> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionAggregate> eldest) {
            return size() > 1000;
        }
    };

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> aggregates;
    private KeyValueStore<Bytes, byte[]> members;
    private WindowStore<Bytes, byte[]> dedup;

    public TelemetryAggregator(Duration snapshotInterval, Duration dedupRetention) {
        this.snapshotInterval = snapshotInterval;
        this.dedupRetention = dedupRetention;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        aggregates = context.getStateStore(KpiTopology.AGGREGATES);
        members = context.getStateStore(KpiTopology.MEMBERS);
        dedup = context.getStateStore(KpiTopology.DEDUP);
        try (KeyValueIterator<String, byte[]> all = aggregates.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                if (SessionAggregate.fromBytes(kv.value).snapshotPending) {
                    dirty.add(kv.key); // changed before a restart, snapshot not out yet
                }
            }
        }
        context.schedule(snapshotInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishChanged());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        String sessionId = new String(record.key(), StandardCharsets.UTF_8);
        UUID session;
        TelemetryEvent event;
        try {
            session = UUID.fromString(sessionId);
            event = parser.parse(record.value(), 0, record.value().length, null);
        } catch (IllegalArgumentException | TelemetryParser.Rejected e) {
            LOG.warnf("skipping an unreadable telemetry record of %s: %s", sessionId, e.getMessage());
            return;
        }
        SessionAggregate agg = load(sessionId);
        if (agg.closed) {
            return; // after the close marker nothing counts (the ingestion stopped accepting before it was sent)
        }
        if (event.type() == TelemetryType.SESSION_CLOSE) {
            agg.closed = true;
            agg.snapshotPending = false;
            save(sessionId, agg);
            dirty.remove(sessionId);
            publish(sessionId, session, agg);
            return;
        }
        Bytes eventKey = key(session, (byte) 'E', event.eventId());
        long ts = record.timestamp();
        try (WindowStoreIterator<byte[]> seen = dedup.fetch(eventKey, Math.max(0, ts - dedupRetention.toMillis()), Long.MAX_VALUE)) {
            if (seen.hasNext()) {
                agg.duplicates++;
                save(sessionId, agg);
                return;
            }
        }
        dedup.put(eventKey, ONE, ts);
        if (!agg.knowsWindow()) {
            Header window = record.headers().lastHeader("session-window");
            if (window != null) {
                String[] parts = new String(window.value(), StandardCharsets.UTF_8).split("/");
                agg.baseMs = Long.parseLong(parts[0]);
                agg.plannedMinutes = Long.parseLong(parts[1]);
            }
        }
        apply(session, agg, event);
        agg.events++;
        agg.maxEventMs = Math.max(agg.maxEventMs, event.timeMillis());
        agg.snapshotPending = true;
        save(sessionId, agg);
        dirty.add(sessionId);
    }

    private void apply(UUID session, SessionAggregate agg, TelemetryEvent e) {
        switch (e.type()) {
            case VIEWER_ENTER, VIEWER_LEAVE -> {
                if (firstTime(key(session, VIEWER, e.viewerId()))) {
                    agg.uv++;
                }
                boolean enter = e.type() == TelemetryType.VIEWER_ENTER;
                long relative = e.timeMillis() - agg.baseMs;
                if (enter) {
                    agg.enters++;
                    agg.enterSumMs += relative;
                } else {
                    agg.leaves++;
                    agg.leaveSumMs += relative;
                }
                Bytes second = secondKey(session, Math.floorDiv(e.timeMillis(), 1000));
                members.put(second, longBytes(longOf(members.get(second)) + (enter ? 1 : -1)));
            }
            case RESERVATION -> {
                if (firstTime(key(session, RESERVER, e.viewerId()))) {
                    agg.reservations++;
                }
            }
            case AD_SPEND -> {
                agg.spendByChannelFen[e.channel().ordinal()] += e.amountFen();
                if (agg.knowsWindow() && e.timeMillis() < agg.windowEndMs()) {
                    agg.windowSpendFen += e.amountFen();
                }
            }
            case ORDER_PAID -> paid(session, agg, e);
            case ORDER_REFUNDED -> refunded(session, agg, e);
            default -> {
            }
        }
    }

    /** Order record: paid(1) amount(8) refunded(8) pendingRefund(8) channel(1) inWindow(1) product(rest). */
    private void paid(UUID session, SessionAggregate agg, TelemetryEvent e) {
        Bytes orderKey = key(session, ORDER, e.orderId());
        byte[] old = members.get(orderKey);
        ByteBuffer o = old == null ? null : ByteBuffer.wrap(old);
        if (o != null && o.get(0) == 1) {
            agg.duplicates++; // the same order paid twice under another eventId counts once
            return;
        }
        long pending = o == null ? 0 : o.getLong(17);
        long refund = Math.min(pending, e.amountFen());
        long net = e.amountFen() - refund;
        boolean inWindow = agg.knowsWindow() && e.timeMillis() < agg.windowEndMs();
        byte[] product = e.productId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer rec = ByteBuffer.allocate(27 + product.length);
        rec.put((byte) 1).putLong(e.amountFen()).putLong(refund).putLong(0L).put((byte) e.channel().ordinal())
                .put((byte) (inWindow ? 1 : 0)).put(product);
        members.put(orderKey, rec.array());
        agg.orders++;
        agg.gmvFen += net;
        agg.gmvByChannelFen[e.channel().ordinal()] += net;
        if (inWindow) {
            agg.windowGmvFen += net;
        }
        addProduct(session, e.productId(), net);
        Bytes buyerKey = key(session, BUYER, e.buyerId());
        byte[] buyer = members.get(buyerKey);
        if (buyer == null) {
            agg.buyers++;
            if (e.newBuyer()) {
                agg.newBuyers++;
            }
            members.put(buyerKey, new byte[] {(byte) (e.newBuyer() ? 1 : 0)});
        } else if (buyer[0] == 0 && e.newBuyer()) {
            agg.newBuyers++;
            members.put(buyerKey, ONE);
        }
    }

    private void refunded(UUID session, SessionAggregate agg, TelemetryEvent e) {
        Bytes orderKey = key(session, ORDER, e.orderId());
        byte[] old = members.get(orderKey);
        if (old == null || old[0] == 0) { // the payment has not arrived (yet): keep the refund for it
            ByteBuffer rec = old == null ? ByteBuffer.allocate(27) : ByteBuffer.wrap(old.clone());
            rec.put(0, (byte) 0).putLong(17, rec.getLong(17) + e.amountFen());
            members.put(orderKey, rec.array());
            return;
        }
        ByteBuffer rec = ByteBuffer.wrap(old.clone());
        long amount = rec.getLong(1);
        long refundedSoFar = rec.getLong(9);
        long refund = Math.min(e.amountFen(), amount - refundedSoFar);
        if (refund <= 0) {
            return;
        }
        rec.putLong(9, refundedSoFar + refund);
        members.put(orderKey, rec.array());
        int channel = rec.get(25);
        agg.gmvFen -= refund;
        agg.gmvByChannelFen[channel] -= refund;
        if (rec.get(26) == 1) {
            agg.windowGmvFen -= refund;
        }
        addProduct(session, new String(old, 27, old.length - 27, StandardCharsets.UTF_8), -refund);
    }

    private void addProduct(UUID session, String productId, long fen) {
        Bytes productKey = key(session, PRODUCT, productId);
        members.put(productKey, longBytes(longOf(members.get(productKey)) + fen));
    }

    private boolean firstTime(Bytes key) {
        if (members.get(key) != null) {
            return false;
        }
        members.put(key, ONE);
        return true;
    }

    private void publishChanged() {
        for (String sessionId : dirty) {
            SessionAggregate agg = load(sessionId);
            agg.snapshotPending = false;
            save(sessionId, agg);
            publish(sessionId, UUID.fromString(sessionId), agg);
        }
        dirty.clear();
    }

    private void publish(String sessionId, UUID session, SessionAggregate agg) {
        long peak = 0, running = 0;
        try (KeyValueIterator<Bytes, byte[]> seconds = members.prefixScan(prefix(session, SECOND), Serdes.Bytes().serializer())) {
            while (seconds.hasNext()) {
                running += longOf(seconds.next().value);
                peak = Math.max(peak, running);
            }
        }
        Map<String, Long> products = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> all = members.prefixScan(prefix(session, PRODUCT), Serdes.Bytes().serializer())) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> kv = all.next();
                byte[] k = kv.key.get();
                products.put(new String(k, 17, k.length - 17, StandardCharsets.UTF_8), longOf(kv.value));
            }
        }
        KpiSnapshot snapshot = new KpiSnapshot(sessionId, agg.events, agg.duplicates, agg.uv, agg.buyers, agg.newBuyers,
                agg.reservations, agg.orders, agg.gmvFen, channels(agg.gmvByChannelFen, 3), channels(agg.spendByChannelFen, 2),
                agg.enters, agg.leaves, agg.enterSumMs, agg.leaveSumMs, agg.baseMs, agg.plannedMinutes, agg.maxEventMs, peak,
                agg.windowGmvFen, agg.windowSpendFen, products, agg.closed, System.currentTimeMillis());
        try {
            context.forward(new Record<>(sessionId, json.writeValueAsBytes(snapshot), context.currentSystemTimeMs()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Long> channels(long[] values, int count) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            m.put(SalesChannel.values()[i].name(), values[i]);
        }
        return m;
    }

    private SessionAggregate load(String sessionId) {
        SessionAggregate agg = cache.get(sessionId);
        if (agg == null) {
            agg = SessionAggregate.fromBytes(aggregates.get(sessionId));
            cache.put(sessionId, agg);
        }
        return agg;
    }

    private void save(String sessionId, SessionAggregate agg) {
        aggregates.put(sessionId, agg.toBytes());
    }

    static Bytes prefix(UUID session, byte kind) {
        return Bytes.wrap(ByteBuffer.allocate(17).putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits())
                .put(kind).array());
    }

    static Bytes key(UUID session, byte kind, String id) {
        byte[] tail = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(17 + tail.length).putLong(session.getMostSignificantBits())
                .putLong(session.getLeastSignificantBits()).put(kind).put(tail).array());
    }

    static Bytes secondKey(UUID session, long epochSecond) {
        // sign bit flipped, so that byte order is numeric order for any second
        return Bytes.wrap(ByteBuffer.allocate(25).putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits())
                .put(SECOND).putLong(epochSecond ^ Long.MIN_VALUE).array());
    }

    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long longOf(byte[] bytes) {
        return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
    }
}
