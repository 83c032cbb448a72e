package com.livecommerce.session.kpi;

import com.livecommerce.session.session.AdBudget;
import com.livecommerce.session.session.SessionStatus;
import com.livecommerce.session.telemetry.SalesChannel;
import com.livecommerce.session.telemetry.TelemetryEvent;
import com.livecommerce.session.telemetry.TelemetryType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A small, independent model of a session's KPIs, for the property tests: random telemetry of one session (viewers who
 * come and go, orders, refunds before and after their payment, an order paid twice under two event ids, ad spend,
 * reservations), and the KPIs computed directly from its distinct events with DOMAIN.md's definitions: per-viewer
 * intervals for watch time, a brute-force count of who is present at the end of each second for the peak, per-order
 * refunds capped at the payment. It shares nothing with the aggregation but the event type.
 */
final class TelemetryModel {

    final UUID session = UUID.randomUUID();
    final Instant start;
    final Instant end;
    final int plannedMinutes;
    final List<TelemetryEvent> events = new ArrayList<>(); // distinct events, each eventId once
    final int secondPayments;                                 // orders paid again under another eventId

    TelemetryModel(Random r) {
        start = Instant.parse("2021-11-25T11:00:00Z").plusMillis(r.nextInt(1000));
        plannedMinutes = 1 + r.nextInt(20);
        end = start.plusMillis(plannedMinutes * 60_000L * (50 + r.nextInt(100)) / 100);
        long airtime = end.toEpochMilli() - start.toEpochMilli();
        int[] id = {0};
        int viewers = 1 + r.nextInt(120);
        for (int v = 0; v < viewers; v++) {
            String viewer = "v-" + v + (r.nextInt(7) == 0 ? "-观众" : "");
            long t = start.toEpochMilli() + (long) (r.nextDouble() * airtime);
            int visits = 1 + r.nextInt(3);
            for (int i = 0; i < visits && t <= end.toEpochMilli(); i++) {
                events.add(event(TelemetryType.VIEWER_ENTER, "e-" + id[0]++, t, viewer, null, null, false, null, 0, null));
                t += (long) (r.nextDouble() * airtime / 3);
                if (t > end.toEpochMilli() || r.nextInt(6) == 0) {
                    break; // still there at the end
                }
                events.add(event(TelemetryType.VIEWER_LEAVE, "e-" + id[0]++, t, viewer, null, null, false, null, 0, null));
                t += (long) (r.nextDouble() * airtime / 4);
            }
            if (r.nextInt(4) == 0) {
                events.add(event(TelemetryType.RESERVATION, "e-" + id[0]++, start.toEpochMilli() - r.nextInt(3_600_000), viewer, null,
                        null, false, null, 0, null));
            }
        }
        int orders = r.nextInt(60);
        int paidTwice = 0;
        for (int o = 0; o < orders; o++) {
            long t = start.toEpochMilli() + (long) (r.nextDouble() * airtime);
            String order = "o-" + o;
            long amount = 1 + r.nextInt(500_000);
            String buyer = "b-" + r.nextInt(25);
            String product = "p-" + r.nextInt(8);
            boolean isNew = r.nextInt(3) == 0;
            SalesChannel channel = SalesChannel.values()[r.nextInt(3)];
            TelemetryEvent paid = event(TelemetryType.ORDER_PAID, "e-" + id[0]++, t, null, order, buyer, isNew, product, amount, channel);
            events.add(paid);
            if (r.nextInt(10) == 0) {
                events.add(event(TelemetryType.ORDER_PAID, "e-" + id[0]++, t, null, order, buyer, isNew, product, amount, channel));
                paidTwice++;
            }
            int refunds = r.nextInt(5) == 0 ? 1 + r.nextInt(3) : 0;
            for (int i = 0; i < refunds; i++) {
                events.add(event(TelemetryType.ORDER_REFUNDED, "e-" + id[0]++, t + r.nextInt(60_000), null, order, null, false, null,
                        1 + r.nextInt((int) amount), null));
            }
        }
        if (r.nextInt(4) == 0) { // a refund whose payment never comes: it changes nothing
            events.add(event(TelemetryType.ORDER_REFUNDED, "e-" + id[0]++, start.toEpochMilli(), null, "o-never", null, false, null,
                    100, null));
        }
        int spends = r.nextInt(15);
        for (int i = 0; i < spends; i++) {
            events.add(event(TelemetryType.AD_SPEND, "e-" + id[0]++, start.toEpochMilli() + (long) (r.nextDouble() * airtime), null, null,
                    null, false, null, 1 + r.nextInt(200_000), SalesChannel.values()[r.nextInt(2)]));
        }
        secondPayments = paidTwice;
    }

    private static TelemetryEvent event(TelemetryType type, String eventId, long time, String viewer, String order, String buyer,
            boolean newBuyer, String product, long amount, SalesChannel channel) {
        return new TelemetryEvent(type, eventId, time, viewer, order, buyer, newBuyer, product, amount, channel);
    }

    long windowEndMs() {
        return start.toEpochMilli() + plannedMinutes * 60_000L / 5;
    }

    /** The KPIs of the ended session, as DOMAIN.md defines them, from the distinct events. */
    Expected expected(long deliveredLines) {
        Set<String> viewers = new HashSet<>(), reservers = new HashSet<>();
        Map<String, List<TelemetryEvent>> byViewer = new HashMap<>();
        Map<String, TelemetryEvent> payments = new LinkedHashMap<>();
        Map<String, Long> refunds = new HashMap<>();
        long[] spend = new long[3];
        long windowSpend = 0;
        for (TelemetryEvent e : events) {
            switch (e.type()) {
                case VIEWER_ENTER, VIEWER_LEAVE -> {
                    viewers.add(e.viewerId());
                    byViewer.computeIfAbsent(e.viewerId(), v -> new ArrayList<>()).add(e);
                }
                case RESERVATION -> reservers.add(e.viewerId());
                case ORDER_PAID -> payments.putIfAbsent(e.orderId(), e);
                case ORDER_REFUNDED -> refunds.merge(e.orderId(), e.amountFen(), Long::sum);
                case AD_SPEND -> {
                    spend[e.channel().ordinal()] += e.amountFen();
                    if (e.timeMillis() < windowEndMs()) {
                        windowSpend += e.amountFen();
                    }
                }
                default -> {
                }
            }
        }
        long gmv = 0, windowGmv = 0;
        long[] gmvByChannel = new long[3];
        Map<String, Long> products = new TreeMap<>();
        Map<String, Boolean> buyers = new HashMap<>();
        for (TelemetryEvent p : payments.values()) {
            long net = p.amountFen() - Math.min(p.amountFen(), refunds.getOrDefault(p.orderId(), 0L));
            gmv += net;
            gmvByChannel[p.channel().ordinal()] += net;
            if (p.timeMillis() < windowEndMs()) {
                windowGmv += net;
            }
            products.merge(p.productId(), net, Long::sum);
            buyers.merge(p.buyerId(), p.newBuyer(), Boolean::logicalOr);
        }
        long newBuyers = buyers.values().stream().filter(b -> b).count();
        // watch time: each viewer's intervals, open ones until the end
        long watchMs = 0;
        long endMs = end.toEpochMilli();
        List<long[]> intervals = new ArrayList<>(); // [enter second, leave second or MAX]
        for (List<TelemetryEvent> visits : byViewer.values()) {
            visits.sort(Comparator.comparingLong(TelemetryEvent::timeMillis));
            for (int i = 0; i < visits.size(); i += 2) {
                long in = visits.get(i).timeMillis();
                long out = i + 1 < visits.size() ? visits.get(i + 1).timeMillis() : endMs;
                watchMs += out - in;
                intervals.add(new long[] {Math.floorDiv(in, 1000), i + 1 < visits.size() ? Math.floorDiv(out, 1000) : Long.MAX_VALUE});
            }
        }
        // peak: who is present at the end of each second (entered by then, not left by then)
        long peak = 0;
        long first = Math.floorDiv(start.toEpochMilli(), 1000);
        for (long s = first; s <= Math.floorDiv(endMs, 1000); s++) {
            long present = 0;
            for (long[] iv : intervals) {
                if (iv[0] <= s && iv[1] > s) {
                    present++;
                }
            }
            peak = Math.max(peak, present);
        }
        long airtimeMs = endMs - start.toEpochMilli();
        return new Expected(events.size(), deliveredLines - events.size() + secondPayments, viewers.size(), buyers.size(), newBuyers,
                reservers.size(), payments.size(), gmv, gmvByChannel, spend, windowGmv, windowSpend, products, peak,
                BigDecimal.valueOf(watchMs).divide(BigDecimal.valueOf(airtimeMs), 2, RoundingMode.HALF_UP),
                viewers.isEmpty() ? BigDecimal.ZERO.setScale(2)
                        : BigDecimal.valueOf(watchMs).divide(BigDecimal.valueOf(viewers.size() * 1000L), 2, RoundingMode.HALF_UP));
    }

    record Expected(long events, long duplicates, long uv, long buyers, long newBuyers, long reservations, long orders, long gmvFen,
            long[] gmvByChannelFen, long[] spendByChannelFen, long windowGmvFen, long windowSpendFen, Map<String, Long> productsFen,
            long peak, BigDecimal avgConcurrent, BigDecimal avgWatchSeconds) {
    }

    /** The session's facts for the KPI calculator: ended, with its airtime. */
    KpiCalculator.SessionFacts facts() {
        return new KpiCalculator.SessionFacts(session, SessionStatus.ENDED, start, end, plannedMinutes, new BigDecimal("10000.00"),
                new AdBudget(new BigDecimal("1000.00"), new BigDecimal("500.00")));
    }
}
