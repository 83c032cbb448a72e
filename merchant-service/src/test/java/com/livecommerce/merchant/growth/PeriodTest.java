package com.livecommerce.merchant.growth;

import com.livecommerce.plumbing.time.Period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.plumbing.problem.ProblemException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            "2021, 2021-01-01, 2022-01-01",
            "2021H1, 2021-01-01, 2021-07-01",
            "2021h2, 2021-07-01, 2022-01-01",
            "2021Q1, 2021-01-01, 2021-04-01",
            "2021Q4, 2021-10-01, 2022-01-01",
            "2024-02, 2024-02-01, 2024-03-01",
            "2021-12, 2021-12-01, 2022-01-01"})
    void parsesEveryFormat(String text, String start, String end) {
        Period p = Period.parse("p", text);
        assertEquals(LocalDate.parse(start), p.start());
        assertEquals(LocalDate.parse(end), p.endExclusive());
    }

    @ParameterizedTest
    @CsvSource({"2021H0", "2021Q0", "2021-00", "2021-7", "1999", "abc", "2021 H1"})
    void refusesOthers(String text) {
        ProblemException e = assertThrows(ProblemException.class, () -> Period.parse("earlier", text));
        assertEquals("earlier", e.errors().get(0).field());
    }

    @ParameterizedTest
    @CsvSource({"2021, 2020", "2021H2, 2021H1", "2021H1, 2020H2", "2021Q1, 2020Q4", "2021Q3, 2021Q2", "2021-01, 2020-12", "2021-10, 2021-09"})
    void knowsThePreviousPeriod(String period, String previous) {
        assertEquals(previous, Period.parse("p", period).previous().label());
    }

    @Test
    void growthArithmeticIsExact() {
        assertEquals(new BigDecimal("1.950000"), Growth.rate(new BigDecimal("1000000.00"), new BigDecimal("2950000.00")));
        assertEquals(new BigDecimal("-0.000010"), Growth.rate(new BigDecimal("1000.00"), new BigDecimal("999.99")));
        assertNull(Growth.rate(BigDecimal.ZERO, BigDecimal.TEN));
        assertTrue(Growth.stalled(new BigDecimal("5.00"), new BigDecimal("5.00")));
        assertTrue(!Growth.stalled(BigDecimal.ZERO, BigDecimal.ZERO));
        assertEquals(new BigDecimal("0.2885"), Growth.share(15, 52));
        assertEquals(new BigDecimal("0.2885"), Growth.share(577, 2000));
    }
}
