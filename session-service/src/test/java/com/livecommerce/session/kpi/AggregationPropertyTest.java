package com.livecommerce.session.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.session.telemetry.TelemetryEvent;
import com.livecommerce.session.telemetry.TelemetryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever the delivery, the aggregation's KPIs equal {@link TelemetryModel}'s. Each seed makes a random session
 * (1 to 4 sub-keys), delivers its events as a writer would (shuffled: late and out of order; in random batches; some
 * batches sent again, some lines again alone or inside other batches; reservations partly through the outbox's format-1
 * lines), chunks them as the ingestion does, closes the session, and runs both stages with random transaction aborts,
 * restarts and lost databases ({@link AggregationHarness}); some seeds run with no filter memory at all (every check
 * goes to RocksDB). The final snapshot, through {@link KpiCalculator}, must give the model's KPIs exactly.
 */
class AggregationPropertyTest {

    private final long budget = SessionFilter.BUDGET.get();

    @AfterEach
    void restoreBudget() {
        SessionFilter.BUDGET.set(budget);
    }

    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theKpisAreExactWhateverTheDelivery(long seed) throws Exception {
        Random r = new Random(seed);
        TelemetryModel model = new TelemetryModel(r);
        int subKeys = 1 + r.nextInt(4);
        if (seed % 7 == 3) {
            SessionFilter.BUDGET.set(0);
        }
        Path dir = Files.createTempDirectory("aggregation-" + seed + "-");
        String context = "seed " + seed + ", " + subKeys + " sub-keys, " + model.events.size() + " events";
        try (AggregationHarness h = new AggregationHarness(dir, r, subKeys)) {
            long delivered = deliver(model, h, r);
            h.close(model.session, model.start.toEpochMilli(), model.plannedMinutes, model.end.toEpochMilli());
            h.runPartials();
            KpiSnapshot snapshot = h.merge(model.session);
            assertNotNull(snapshot, context + ": the session closed");
            assertTrue(snapshot.closed(), context);
            assertKpis(model, model.expected(delivered), snapshot, context + " (aborts " + h.aborts + ", restarts " + h.restarts
                    + ", lost databases " + h.crashes + ")");
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Sends the model's events as a writer would; returns how many lines were delivered in all. */
    static long deliver(TelemetryModel model, AggregationHarness h, Random r) {
        List<TelemetryEvent> lines = new ArrayList<>(model.events);
        Collections.shuffle(lines, r);
        List<List<TelemetryEvent>> batches = new ArrayList<>();
        for (int i = 0; i < lines.size(); ) {
            int size = 1 + r.nextInt(1 + r.nextInt(200));
            batches.add(new ArrayList<>(lines.subList(i, Math.min(lines.size(), i + size))));
            i += size;
        }
        long delivered = 0;
        int chunkEvents = 1 + r.nextInt(64);
        for (int b = 0; b < batches.size(); b++) {
            List<TelemetryEvent> batch = new ArrayList<>(batches.get(b));
            if (b > 0 && r.nextInt(5) == 0) { // a line of an earlier batch inside this one
                List<TelemetryEvent> earlier = batches.get(r.nextInt(b));
                batch.add(r.nextInt(batch.size() + 1), earlier.get(r.nextInt(earlier.size())));
            }
            List<TelemetryEvent> viaTelemetry = new ArrayList<>();
            for (TelemetryEvent e : batch) {
                if (e.type() == TelemetryType.RESERVATION && r.nextInt(3) == 0) { // POST /sessions/{id}/reservations: the outbox
                    h.line(model.session, json(e));
                } else {
                    viaTelemetry.add(e);
                }
            }
            h.ingest(model.session, model.start.toEpochMilli(), model.plannedMinutes, viaTelemetry, chunkEvents);
            delivered += batch.size();
            if (r.nextInt(6) == 0) { // the writer did not get the answer: the same batch again
                h.ingest(model.session, model.start.toEpochMilli(), model.plannedMinutes, viaTelemetry, chunkEvents);
                delivered += viaTelemetry.size();
            }
            if (r.nextInt(8) == 0 && !batch.isEmpty()) { // one line again, alone
                h.ingest(model.session, model.start.toEpochMilli(), model.plannedMinutes, List.of(batch.get(r.nextInt(batch.size()))), 1);
                delivered++;
            }
        }
        return delivered;
    }

    static String json(TelemetryEvent e) {
        return "{\"type\":\"RESERVATION\",\"eventId\":\"" + e.eventId() + "\",\"time\":\"" + java.time.Instant.ofEpochMilli(e.timeMillis())
                + "\",\"viewerId\":\"" + e.viewerId() + "\"}";
    }

    static void assertKpis(TelemetryModel model, TelemetryModel.Expected e, KpiSnapshot snapshot, String context) {
        BigDecimal threshold = new BigDecimal("1000.00");
        SessionKpis k = KpiCalculator.compute(model.facts(), snapshot, null, model.end, threshold);
        assertEquals(e.events(), k.eventsCounted(), context + ": eventsCounted");
        assertEquals(e.duplicates(), k.duplicatesIgnored(), context + ": duplicatesIgnored");
        assertEquals(e.uv(), k.uv(), context + ": uv");
        assertEquals(e.buyers(), k.buyers(), context + ": buyers");
        assertEquals(e.orders(), k.orders(), context + ": orders");
        assertEquals(e.reservations(), k.reservations(), context + ": reservations");
        assertEquals(e.peak(), k.peakConcurrentViewers(), context + ": peak");
        assertEquals(0, money(e.gmvFen()).compareTo(k.gmv()), context + ": gmv " + k.gmv());
        assertEquals(0, e.avgConcurrent().compareTo(k.avgConcurrentViewers()), context + ": avgConcurrentViewers " + k.avgConcurrentViewers());
        assertEquals(0, e.avgWatchSeconds().compareTo(k.avgWatchSeconds()), context + ": avgWatchSeconds " + k.avgWatchSeconds());
        assertEquals(KpiCalculator.ratio(e.buyers(), e.uv()), k.payConversionRate(), context + ": payConversionRate");
        assertEquals(KpiCalculator.ratio(e.newBuyers(), e.buyers()), k.newBuyerShare(), context + ": newBuyerShare");
        assertEquals(KpiCalculator.ratio(e.buyers(), e.reservations()), k.reservationToBuyerRatio(), context + ": reservationToBuyerRatio");
        String[] channels = {"PAID_PROMOTION", "FAN_BOOST", "ORGANIC"};
        long spend = 0;
        for (int c = 0; c < 3; c++) {
            assertEquals(0, money(e.gmvByChannelFen()[c]).compareTo(k.gmvByChannel().get(channels[c])), context + ": gmv " + channels[c]);
            if (c < 2) {
                spend += e.spendByChannelFen()[c];
                assertEquals(0, money(e.spendByChannelFen()[c]).compareTo(k.spendByChannel().get(channels[c])), context + ": spend " + channels[c]);
                assertEquals(KpiCalculator.ratio(e.gmvByChannelFen()[c], e.spendByChannelFen()[c]), k.roiByChannel().get(channels[c]),
                        context + ": roi " + channels[c]);
            }
        }
        assertEquals(0, money(spend).compareTo(k.adSpend()), context + ": adSpend");
        assertEquals(0, money(e.windowGmvFen()).compareTo(k.pacing().gmvInWindow()), context + ": gmvInWindow");
        assertEquals(0, money(e.windowSpendFen()).compareTo(k.pacing().adSpendInWindow()), context + ": adSpendInWindow");
        Map<String, BigDecimal> products = new TreeMap<>();
        e.productsFen().forEach((p, fen) -> products.put(p, money(fen)));
        assertEquals(products, new TreeMap<>(k.products()), context + ": products");
        assertEquals(products.values().stream().filter(v -> v.compareTo(threshold) >= 0).count(), k.bestsellers().size(),
                context + ": bestsellers");
    }

    static BigDecimal money(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
