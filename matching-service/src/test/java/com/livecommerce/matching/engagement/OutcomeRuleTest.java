package com.livecommerce.matching.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outcome arithmetic and the leap rule, at their edges, with the default rule and with a configured one. */
class OutcomeRuleTest {

    static OutcomeCalculator calculator(int windowDays, String factor, int bandWindowDays, int minSteps) {
        OutcomeCalculator c = new OutcomeCalculator();
        c.rule = new LeapRule() {
            public int windowDays() {
                return windowDays;
            }

            public BigDecimal growthFactor() {
                return new BigDecimal(factor);
            }

            public int bandWindowDays() {
                return bandWindowDays;
            }

            public int minBandSteps() {
                return minSteps;
            }

            public List<BigDecimal> bands() {
                return List.of(new BigDecimal("1000000"), new BigDecimal("10000000"), new BigDecimal("100000000"),
                        new BigDecimal("1000000000"));
            }
        };
        return c;
    }

    static final LocalDate ACTIVATED = LocalDate.of(2021, 8, 3);
    static final LocalDate COMPLETED = LocalDate.of(2021, 10, 31);

    static OutcomeCalculator.Sums sums(String during, String before, String prior, String trailing, String bandBefore, String bandAfter) {
        return new OutcomeCalculator.Sums(new BigDecimal(during), new BigDecimal(before), new BigDecimal(prior), new BigDecimal(trailing),
                new BigDecimal(bandBefore), new BigDecimal(bandAfter));
    }

    @Test
    void bandsAreAnnualisedGmvAgainstTheDomainThresholds() {
        OutcomeCalculator year = calculator(90, "2", 365, 1);
        assertEquals(0, year.band(new BigDecimal("999999.99")));
        assertEquals(1, year.band(new BigDecimal("1000000.00")));
        assertEquals(2, year.band(new BigDecimal("10000000")));
        assertEquals(4, year.band(new BigDecimal("1000000000")));
        OutcomeCalculator quarter = calculator(90, "2", 90, 1); // 90 days x 365/90
        assertEquals(0, quarter.band(new BigDecimal("246575.34")));
        assertEquals(1, quarter.band(new BigDecimal("246575.35"))); // x 365 / 90 = 1,000,000.03
    }

    @Test
    void theDefaultLeapNeedsTwiceTheGmvAndABandUp() {
        OutcomeCalculator c = calculator(90, "2", 365, 1);
        Outcome exactlyTwice = c.judge(sums("600000", "300000", "300000", "600000.00", "900000", "1200000"), ACTIVATED, COMPLETED, null);
        assertTrue(exactlyTwice.leap());
        assertNull(exactlyTwice.kpiCommitmentMet(), "no commitment, no verdict");
        assertEquals(new BigDecimal("1.0000"), exactlyTwice.uplift());
        assertFalse(c.judge(sums("600000", "300000", "300000", "599999.99", "900000", "1200000"), ACTIVATED, COMPLETED, null).leap(),
                "just under twice");
        assertFalse(c.judge(sums("6000000", "300000", "300000", "6000000", "1000000", "9000000"), ACTIVATED, COMPLETED, null).leap(),
                "twenty times, but the same band");
        Outcome fromNothing = c.judge(sums("2000000", "0", "0", "2000000", "0", "2000000"), ACTIVATED, COMPLETED, new BigDecimal("2000000"));
        assertTrue(fromNothing.leap());
        assertNull(fromNothing.uplift(), "no uplift over nothing");
        assertTrue(fromNothing.kpiCommitmentMet());
        assertFalse(c.judge(sums("0", "0", "0", "0", "0", "0"), ACTIVATED, COMPLETED, BigDecimal.ZERO).leap(), "nothing sold is no leap");
    }

    @Test
    void theRuleIsConfigurable() {
        OutcomeCalculator strict = calculator(90, "3", 365, 2);
        assertFalse(strict.judge(sums("600000", "300000", "300000", "800000", "900000", "12000000"), ACTIVATED, COMPLETED, null).leap());
        assertTrue(strict.judge(sums("900000", "300000", "300000", "900000", "900000", "12000000"), ACTIVATED, COMPLETED, null).leap());
    }

    @Test
    void theWindowsAreUtcDaysAroundTheEngagement() {
        Outcome o = calculator(90, "2", 365, 1).judge(sums("1", "1", "1", "1", "1", "1"), ACTIVATED, COMPLETED, new BigDecimal("1.01"));
        assertEquals(LocalDate.of(2021, 8, 3), o.duringFrom());
        assertEquals(LocalDate.of(2021, 10, 31), o.duringTo());
        assertEquals(LocalDate.of(2021, 5, 5), o.beforeFrom()); // 90 days, as many as during
        assertEquals(LocalDate.of(2021, 8, 2), o.beforeTo());
        assertFalse(o.kpiCommitmentMet());
        assertEquals(new BigDecimal("1.00"), o.gmvDuring());
    }
}
