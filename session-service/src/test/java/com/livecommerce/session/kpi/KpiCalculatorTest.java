package com.livecommerce.session.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.livecommerce.session.session.AdBudget;
import com.livecommerce.session.session.SessionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DOMAIN.md's formulas over exact totals: rounding, null ratios, watch time, pacing, products, all on numbers worked by hand. */
class KpiCalculatorTest {

    static final Instant START = Instant.parse("2021-11-22T11:00:00Z");
    static final UUID ID = UUID.randomUUID();

    static KpiSnapshot snapshot(long uv, long buyers, long newBuyers, long reservations, long gmvFen, Map<String, Long> gmvByChannel,
            Map<String, Long> spend, long enters, long leaves, long enterSumMs, long leaveSumMs, long windowGmv, long windowSpend,
            Map<String, Long> products) {
        return new KpiSnapshot(ID.toString(), 100, 3, uv, buyers, newBuyers, reservations, buyers, gmvFen, gmvByChannel, spend, enters,
                leaves, enterSumMs, leaveSumMs, START.toEpochMilli(), 30, START.toEpochMilli() + enterSumMs, 2, windowGmv, windowSpend,
                products, true, START.toEpochMilli() + 3_600_000);
    }

    @Test
    void anEndedSessionWorkedByHand() {
        Map<String, Long> products = new LinkedHashMap<>();
        products.put("scarf", 80_00L);
        products.put("jacket", 1_400_25L);
        products.put("hat", 1_400_25L);
        products.put("gloves", 20_00L);
        // 3 viewers: v1 in [10 s, 70 s], v2 in [20 s, 140 s], v3 from 20 s to the end (600 s): 60 + 120 + 580 = 760 s
        KpiSnapshot k = snapshot(3, 2, 1, 4, 2_900_50L, Map.of("PAID_PROMOTION", 1_000_00L, "FAN_BOOST", 400_25L, "ORGANIC", 1_500_25L),
                Map.of("PAID_PROMOTION", 300_00L, "FAN_BOOST", 0L), 3, 2, 50_000, 210_000, 1_000_00L, 240_00L, products);
        // planned 30 minutes: the pacing window is the first 6 minutes
        var facts = new KpiCalculator.SessionFacts(ID, SessionStatus.ENDED, START, START.plusSeconds(600), 30, new BigDecimal("10000.00"),
                new AdBudget(new BigDecimal("1000.00"), new BigDecimal("200.00")));
        SessionKpis kpis = KpiCalculator.compute(facts, k, new BigDecimal("1000.00"), START.plusSeconds(900), new BigDecimal("1400.25"));
        assertEquals(new BigDecimal("2900.50"), kpis.gmv());
        assertEquals(new BigDecimal("1.27"), kpis.avgConcurrentViewers()); // 760 s / 600 s
        assertEquals(new BigDecimal("253.33"), kpis.avgWatchSeconds());    // 760 s / 3
        assertEquals(new BigDecimal("0.6667"), kpis.payConversionRate());
        assertEquals(new BigDecimal("966.83"), kpis.uvValue());
        assertEquals(new BigDecimal("3.3333"), kpis.roiByChannel().get("PAID_PROMOTION"));
        assertNull(kpis.roiByChannel().get("FAN_BOOST"), "nothing spent: no ROI");
        assertEquals(new BigDecimal("300.00"), kpis.adSpend());
        assertEquals(new BigDecimal("9.6683"), kpis.roiOverall());
        assertEquals(new BigDecimal("0.5000"), kpis.reservationToBuyerRatio());
        assertEquals(new BigDecimal("0.5000"), kpis.newBuyerShare());
        assertEquals(new BigDecimal("0.2901"), kpis.gmvTargetAttainment());
        assertEquals(new BigDecimal("1.9005"), kpis.gmvLiftVsBaseline());
        assertEquals(List.of("hat", "jacket", "scarf"), kpis.topProducts().stream().map(SessionKpis.ProductGmv::productId).toList(),
                "equal GMV: by product id, never by arrival");
        assertEquals(List.of("hat", "jacket"), kpis.bestsellers().stream().map(SessionKpis.ProductGmv::productId).toList());
        assertEquals(new BigDecimal("0.8000"), kpis.pacing().adSpendShare());
        assertEquals(new BigDecimal("0.2000"), kpis.pacing().adBudgetShare());
        assertEquals(new BigDecimal("0.3448"), kpis.pacing().gmvShare());
        assertEquals(true, kpis.pacing().adSpendOnPlan());
        assertEquals(false, kpis.pacing().gmvOnPlan());
        assertEquals("AFTER_FIRST_20_PERCENT", kpis.pacing().phase());
        assertEquals(START.plusSeconds(600).toString(), kpis.asOf().toInstant().toString(), "an ended session is as of its end");
    }

    @Test
    void aSessionWithNothingYetHasNullRatiosNotErrors() {
        KpiSnapshot empty = KpiSnapshot.empty(ID.toString());
        var facts = new KpiCalculator.SessionFacts(ID, SessionStatus.SCHEDULED, null, null, 60, BigDecimal.ZERO.setScale(2),
                new AdBudget(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)));
        SessionKpis kpis = KpiCalculator.compute(facts, empty, null, START, new BigDecimal("500000"));
        assertNull(kpis.payConversionRate());
        assertNull(kpis.uvValue());
        assertNull(kpis.roiOverall());
        assertNull(kpis.gmvTargetAttainment());
        assertNull(kpis.gmvLiftVsBaseline());
        assertEquals("NOT_STARTED", kpis.pacing().phase());
        assertEquals(new BigDecimal("0.00"), kpis.avgConcurrentViewers());
    }

    @Test
    void aLiveSessionIsAsOfNowAndItsOpenVisitsCountUntilNow() {
        // one viewer entered at 0 s and is still there; now is 300 s: watch 300 s over 300 s of airtime
        KpiSnapshot k = snapshot(1, 0, 0, 0, 0, Map.of(), Map.of(), 1, 0, 0, 0, 0, 0, Map.of());
        var facts = new KpiCalculator.SessionFacts(ID, SessionStatus.LIVE, START, null, 60, BigDecimal.ONE,
                new AdBudget(BigDecimal.ONE, BigDecimal.ONE));
        SessionKpis kpis = KpiCalculator.compute(facts, k, null, START.plusSeconds(300), BigDecimal.TEN);
        assertEquals(new BigDecimal("1.00"), kpis.avgConcurrentViewers());
        assertEquals(new BigDecimal("300.00"), kpis.avgWatchSeconds());
        assertEquals("FIRST_20_PERCENT", kpis.pacing().phase());
    }
}
