package com.livecommerce.provider.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.provider.provider.ProviderType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderboardCalculatorTest {

    static LeaderboardCalculator.ProviderResults results(long id, String before, String during, int leaps, int served,
            int returning, String rating, String... categories) {
        return new LeaderboardCalculator.ProviderResults(new UUID(0, id), ProviderType.MCN, List.of(categories),
                new BigDecimal(before), new BigDecimal(during), leaps, served, returning, rating == null ? null : new BigDecimal(rating));
    }

    static List<LeaderboardCalculator.Entry> compute(List<LeaderboardCalculator.ProviderResults> input) {
        return LeaderboardCalculator.compute(input, LeaderboardCalculator.Weights.DEFAULT, new BigDecimal("0.10"));
    }

    @ParameterizedTest(name = "{0} providers -> {1} on probation")
    @CsvSource({"1, 0", "9, 0", "10, 1", "19, 1", "20, 2", "25, 2"})
    void theBottomTenPercentRoundedDownGoOnProbation(int size, int expected) {
        List<LeaderboardCalculator.ProviderResults> input = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            input.add(results(i, "100.00", String.valueOf(100 + i) + ".00", 0, 1, 0, "4.0", "c"));
        }
        List<LeaderboardCalculator.Entry> entries = compute(input);
        assertEquals(expected, entries.stream().filter(LeaderboardCalculator.Entry::probation).count());
        if (expected > 0) {
            assertEquals(new UUID(0, 0), entries.get(size - 1).providerId(), "the weakest is last");
        }
    }

    @Test
    void tiesAreBrokenByProviderIdSoTheBoardIsStable() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(3, "1.00", "2.00", 1, 1, 0, "5", "c"),
                results(1, "1.00", "2.00", 1, 1, 0, "5", "c"),
                results(2, "1.00", "2.00", 1, 1, 0, "5", "c")));
        assertEquals(List.of(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3)),
                entries.stream().map(LeaderboardCalculator.Entry::providerId).toList());
        assertEquals(List.of(1, 2, 3), entries.stream().map(LeaderboardCalculator.Entry::rank).toList());
        entries.forEach(e -> assertEquals(0, e.score().signum(), "equal components scale to 0"));
    }

    @Test
    void componentsAreExactAndTheScoreIsTheSumOfThePoints() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(1, "0.00", "500.00", 2, 4, 2, "4.5", "c"),     // nothing before: growth 1
                results(2, "1000.00", "1500.00", 0, 2, 0, null, "c")));  // growth 0.5, no rating
        LeaderboardCalculator.Entry first = entries.get(0);
        assertEquals(new UUID(0, 1), first.providerId());
        assertEquals(new BigDecimal("1.000000"), first.components().gmvGrowth());
        assertEquals(new BigDecimal("0.500000"), first.components().retention());
        assertEquals(new BigDecimal("4.500000"), first.components().rating());
        assertEquals(new BigDecimal("1.000000"), first.score());
        LeaderboardCalculator.Entry second = entries.get(1);
        assertEquals(new BigDecimal("0.500000"), second.components().gmvGrowth());
        assertEquals(new BigDecimal("0.000000"), second.components().rating());
        assertEquals(new BigDecimal("0.000000"), second.score());
        BigDecimal sum = first.components().points().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(first.score()));
    }

    @Test
    void aProviderIsRankedInEachOfItsCohorts() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(1, "1.00", "3.00", 0, 1, 0, "5", "a", "b"),
                results(2, "1.00", "2.00", 0, 1, 0, "5", "b")));
        assertEquals(3, entries.size());
        assertEquals(List.of("a", "b", "b"), entries.stream().map(LeaderboardCalculator.Entry::category).toList());
    }
}
