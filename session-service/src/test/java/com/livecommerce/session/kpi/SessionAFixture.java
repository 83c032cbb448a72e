package com.livecommerce.session.kpi;

import com.livecommerce.session.Telemetry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A generated session with the shape of DOMAIN.md's Session A, scaled down: for every viewer a visit (some two,
 * some still there at the end) of 10..580 s (mean 295 s), pay conversion 3.31%, UV value 5.99 CNY, a quarter of
 * the buyers new, reservations : buyers = 1 : 2, paid-promotion ROI 11+, fan-boost ROI 21, 7 bestsellers, some
 * orders paid and refunded (a refund may arrive before its payment), one order paid twice. The lines come
 * shuffled (out of order). {@link #expected} is computed here, independently of the service, from the events
 * themselves.
 */
final class SessionAFixture {

    final Instant start;
    final int plannedMinutes = 240;
    final Instant end;
    final List<String> lines = new ArrayList<>();
    final Expected expected;

    /** The KPIs, computed directly from the generated events. */
    record Expected(long uv, long buyers, long newBuyers, long orders, long reservations, long gmvFen, Map<String, Long> gmvByChannelFen,
            Map<String, Long> spendByChannelFen, Map<String, Long> productsFen, long watchMs, long airtimeMs, long peak,
            long windowGmvFen, long windowSpendFen, long events) {

        BigDecimal gmv() {
            return BigDecimal.valueOf(gmvFen, 2);
        }

        static BigDecimal ratio(long a, long b) {
            return b == 0 ? null : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_UP);
        }

        BigDecimal avgConcurrent() {
            return BigDecimal.valueOf(watchMs).divide(BigDecimal.valueOf(airtimeMs), 2, RoundingMode.HALF_UP);
        }

        BigDecimal avgWatchSeconds() {
            return BigDecimal.valueOf(watchMs).divide(BigDecimal.valueOf(uv * 1000), 2, RoundingMode.HALF_UP);
        }

        BigDecimal uvValue() {
            return gmv().divide(BigDecimal.valueOf(uv), 2, RoundingMode.HALF_UP);
        }

        long spendFen() {
            return spendByChannelFen.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    SessionAFixture(long seed, Instant start, int viewers) {
        this.start = start;
        this.end = start.plusSeconds(plannedMinutes * 60L);
        Random random = new Random(seed);
        long airtime = end.toEpochMilli() - start.toEpochMilli();
        long windowEnd = start.toEpochMilli() + airtime / 5;
        int[] id = {0};
        // --- viewers: visits, watch time, per-second concurrency
        long watchMs = 0;
        TreeMap<Long, Long> deltas = new TreeMap<>();
        for (int v = 0; v < viewers; v++) {
            String viewer = "v-" + v;
            int visits = random.nextInt(10) == 0 ? 2 : 1;
            long from = 0;
            for (int k = 0; k < visits; k++) {
                long enter = from + (long) (random.nextDouble() * (airtime - from) * (visits == 2 && k == 0 ? 0.5 : 1.0));
                long duration = 10_000 + random.nextInt(570_001);
                long leave = enter + duration;
                lines.add(Telemetry.enter("e-" + id[0]++, at(enter), viewer));
                deltas.merge(Math.floorDiv(start.toEpochMilli() + enter, 1000), 1L, Long::sum);
                if (leave < airtime && random.nextInt(50) != 0) {
                    lines.add(Telemetry.leave("e-" + id[0]++, at(leave), viewer));
                    deltas.merge(Math.floorDiv(start.toEpochMilli() + leave, 1000), -1L, Long::sum);
                    watchMs += duration;
                    from = leave + 1000;
                } else {
                    watchMs += airtime - enter; // still watching at the end
                    break;
                }
                if (from >= airtime - 20_000) {
                    break;
                }
            }
        }
        long peak = 0, running = 0;
        for (long d : deltas.values()) {
            running += d;
            peak = Math.max(peak, running);
        }
        // --- orders: per channel exactly its GMV, over 7 hot and 13 cold products
        int buyers = (int) Math.round(viewers * 0.0331);
        int newBuyers = buyers / 4;
        int reservations = buyers / 2;
        long gmvFen = viewers * 599L;                       // UV value 5.99
        long paidFen = gmvFen * 50 / 100, fanFen = gmvFen * 263 / 1000;
        Map<String, Long> channelTarget = new LinkedHashMap<>();
        channelTarget.put("PAID_PROMOTION", paidFen);
        channelTarget.put("FAN_BOOST", fanFen);
        channelTarget.put("ORGANIC", gmvFen - paidFen - fanFen);
        record Order(String channel, String product, long fen, long time) {
        }
        List<Order> orders = new ArrayList<>();
        for (var target : channelTarget.entrySet()) {
            long sum = 0;
            while (true) {
                boolean hot = random.nextInt(83) < 70;
                String product = hot ? "hot-" + random.nextInt(7) : "cold-" + random.nextInt(13);
                long price = hot ? 3900 + random.nextInt(16_001) : 900 + random.nextInt(2001);
                long time = random.nextBoolean() ? random.nextLong(airtime / 5) : random.nextLong(airtime);
                if (sum + price >= target.getValue()) {
                    orders.add(new Order(target.getKey(), product, target.getValue() - sum, time));
                    break;
                }
                orders.add(new Order(target.getKey(), product, price, time));
                sum += price;
            }
        }
        Collections.shuffle(orders, random);
        if (orders.size() < buyers) {
            throw new IllegalStateException("fewer orders than buyers: " + orders.size());
        }
        Map<String, Long> gmvByChannel = new LinkedHashMap<>(Map.of("PAID_PROMOTION", 0L, "FAN_BOOST", 0L, "ORGANIC", 0L));
        Map<String, Long> products = new HashMap<>();
        long windowGmv = 0;
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            int buyer = i < buyers ? i : random.nextInt(buyers);
            boolean isNew = i < buyers && buyer < newBuyers;
            lines.add(Telemetry.paid("e-" + id[0]++, at(o.time()), "o-" + i, "b-" + buyer, isNew, o.product(),
                    BigDecimal.valueOf(o.fen(), 2).toPlainString(), o.channel()));
            gmvByChannel.merge(o.channel(), o.fen(), Long::sum);
            products.merge(o.product(), o.fen(), Long::sum);
            if (start.toEpochMilli() + o.time() < windowEnd) {
                windowGmv += o.fen();
            }
        }
        // the same order paid again (the same payment under another event id) counts once
        Order first = orders.get(0);
        lines.add(Telemetry.paid("e-" + id[0]++, at(first.time()), "o-0", "b-0", newBuyers > 0, first.product(),
                BigDecimal.valueOf(first.fen(), 2).toPlainString(), first.channel()));
        // orders paid and refunded in full: no GMV left; some refunds come before their payment
        int refunded = 20;
        for (int r = 0; r < refunded; r++) {
            long time = random.nextLong(airtime - 60_000);
            String product = "hot-" + random.nextInt(7);
            lines.add(Telemetry.paid("e-" + id[0]++, at(time), "r-" + r, "b-" + random.nextInt(buyers), false, product, "188.00",
                    r % 2 == 0 ? "PAID_PROMOTION" : "FAN_BOOST"));
            lines.add(Telemetry.refund("e-" + id[0]++, at(time + 30_000), "r-" + r, "188.00"));
            products.merge(product, 0L, Long::sum);
        }
        // ad spend: paid promotion ROI 11+, fan boost ROI 21, most of it early
        Map<String, Long> spend = new LinkedHashMap<>();
        spend.put("PAID_PROMOTION", paidFen * 100 / 1111 / 100 * 100);
        spend.put("FAN_BOOST", fanFen / 21 / 100 * 100);
        long windowSpend = 0;
        for (var s : spend.entrySet()) {
            long left = s.getValue();
            while (left > 0) {
                long chunk = Math.min(left, 20_000 + random.nextInt(30_000));
                long time = random.nextInt(10) < 8 ? random.nextLong(airtime / 5) : random.nextLong(airtime);
                lines.add(Telemetry.spend("e-" + id[0]++, at(time), s.getKey(), BigDecimal.valueOf(chunk, 2).toPlainString()));
                if (start.toEpochMilli() + time < windowEnd) {
                    windowSpend += chunk;
                }
                left -= chunk;
            }
        }
        // reservations (before the start), by half as many viewers as there are buyers
        Set<Integer> reservers = new HashSet<>();
        while (reservers.size() < reservations) {
            reservers.add(random.nextInt(viewers));
        }
        for (int v : reservers) {
            lines.add(Telemetry.reservation("e-" + id[0]++, start.minusSeconds(3600 + random.nextInt(86_400)), "v-" + v));
        }
        long events = lines.size(); // distinct eventIds (the second payment of o-0 counts as an event, not as an order)
        Collections.shuffle(lines, random);
        expected = new Expected(viewers, buyers, newBuyers, orders.size() + refunded, reservations, gmvFen, gmvByChannel, spend,
                products, watchMs, airtime, peak, windowGmv, windowSpend, events);
    }

    private Instant at(long offsetMs) {
        return start.plusMillis(offsetMs);
    }

    /** The lines in batches of {@code size}. */
    List<List<String>> batches(int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += size) {
            batches.add(lines.subList(i, Math.min(lines.size(), i + size)));
        }
        return batches;
    }
}
