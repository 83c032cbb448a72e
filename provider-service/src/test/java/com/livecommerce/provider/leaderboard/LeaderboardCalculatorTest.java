package com.livecommerce.provider.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.provider.provider.ProviderType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderboardCalculatorTest {

    static LeaderboardCalculator.ProviderResults results(long id, String before, String during, int leaps, int served,
            int returning, String rating, String... categories) {
        return results(new UUID(0, id), before, during, leaps, served, returning, rating, categories);
    }

    static LeaderboardCalculator.ProviderResults results(UUID id, String before, String during, int leaps, int served,
            int returning, String rating, String... categories) {
        return new LeaderboardCalculator.ProviderResults(id, ProviderType.MCN, List.of(categories),
                new BigDecimal(before), new BigDecimal(during), leaps, served, returning, rating == null ? null : new BigDecimal(rating));
    }

    static List<LeaderboardCalculator.Entry> compute(List<LeaderboardCalculator.ProviderResults> input) {
        return LeaderboardCalculator.compute(input, LeaderboardCalculator.Weights.DEFAULT, new BigDecimal("0.10"));
    }

    static LeaderboardCalculator.Entry entry(List<LeaderboardCalculator.Entry> entries, UUID id) {
        return entries.stream().filter(e -> e.providerId().equals(id)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} providers with distinct scores -> {1} on probation")
    @CsvSource({"1, 0", "9, 0", "10, 1", "19, 1", "20, 2", "25, 2"})
    void theBottomTenPercentRoundedDownGoOnProbation(int size, int expected) {
        List<LeaderboardCalculator.ProviderResults> input = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            input.add(results(i, "100000.00", (100000 + i * 10000) + ".00", 0, 1, 0, "4.0", "c"));
        }
        List<LeaderboardCalculator.Entry> entries = compute(input);
        assertEquals(expected, entries.stream().filter(LeaderboardCalculator.Entry::probation).count());
        assertEquals(new UUID(0, 0), entries.get(size - 1).providerId(), "the weakest is last");
        if (expected > 0) {
            assertTrue(entries.get(size - 1).probation());
        }
    }

    @Test
    void equalScoresShareARankAndTheIdOnlyOrdersTheListing() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(4, "10000.00", "10000.00", 0, 1, 0, "3", "c"),
                results(3, "10000.00", "30000.00", 1, 1, 0, "5", "c"),
                results(1, "10000.00", "30000.00", 1, 1, 0, "5", "c"),
                results(2, "10000.00", "70000.00", 1, 1, 0, "5", "c")));
        assertEquals(List.of(new UUID(0, 2), new UUID(0, 1), new UUID(0, 3), new UUID(0, 4)),
                entries.stream().map(LeaderboardCalculator.Entry::providerId).toList());
        assertEquals(List.of(1, 2, 2, 4), entries.stream().map(LeaderboardCalculator.Entry::rank).toList());
        assertEquals(entries.get(1).score(), entries.get(2).score());
    }

    @Test
    void aCohortWhoseProvidersAllScoreTheSamePutsNobodyOnProbation() {
        List<LeaderboardCalculator.ProviderResults> input = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            input.add(results(i, "1.00", "2.00", 1, 1, 0, "5", "c"));
        }
        List<LeaderboardCalculator.Entry> entries = compute(input);
        assertTrue(entries.stream().noneMatch(LeaderboardCalculator.Entry::probation));
        assertTrue(entries.stream().allMatch(e -> e.rank() == 1));
    }

    /** The quota (floor(n * 0.10)) is a maximum: a group of equal scores that does not fit is spared whole. */
    @Test
    void aTieAtTheCutOffIsSparedWhole() {
        // 10 providers, quota 1: the two weakest tie -> nobody
        List<LeaderboardCalculator.ProviderResults> ten = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ten.add(results(i + 10, "100000.00", (200000 + i * 10000) + ".00", 0, 1, 0, "4", "c"));
        }
        ten.add(results(1, "100000.00", "50000.00", 0, 1, 0, "2", "c"));
        ten.add(results(2, "100000.00", "50000.00", 0, 1, 0, "2", "c"));
        assertEquals(Set.of(), probationIds(compute(ten)));

        // 20 providers, quota 2: the weakest alone, then three equal ones -> only the weakest
        List<LeaderboardCalculator.ProviderResults> twenty = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            twenty.add(results(i + 10, "100000.00", (200000 + i * 10000) + ".00", 0, 1, 0, "4", "c"));
        }
        twenty.add(results(1, "100000.00", "10000.00", 0, 1, 0, "1", "c"));
        for (int i = 2; i <= 4; i++) {
            twenty.add(results(i, "100000.00", "50000.00", 0, 1, 0, "2", "c"));
        }
        assertEquals(Set.of(new UUID(0, 1)), probationIds(compute(twenty)));

        // 20 providers, quota 2: two equal weakest fit exactly
        twenty.set(twenty.size() - 1, results(4, "100000.00", "10000.00", 0, 1, 0, "1", "c"));
        assertEquals(Set.of(new UUID(0, 1), new UUID(0, 4)), probationIds(compute(twenty)));
    }

    /**
     * Property: the board does not depend on the input order nor on the ids. Random cohorts with many
     * ties (few distinct result levels), drawn again with reversed or shuffled input and new random ids,
     * give the same probation set and the same ranks per provider; the probation set is always a bottom
     * group within the quota and below the best score.
     */
    @RepeatedTest(50)
    void probationAndRanksDependOnResultsNotOnOrderOrIds(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int n = 5 + random.nextInt(40);
        List<String[]> levels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int level = random.nextInt(4); // few levels: ties everywhere, also at the cut-off
            levels.add(new String[] {"100000.00", (60000 + level * 30000) + ".00", String.valueOf(level % 2), String.valueOf(1 + level)});
        }
        Map<Integer, Integer> expectedRanks = null;
        Set<Integer> expectedProbation = null;
        for (int trial = 0; trial < 6; trial++) {
            List<UUID> ids = new ArrayList<>();
            List<LeaderboardCalculator.ProviderResults> input = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                String[] l = levels.get(i);
                input.add(results(id, l[0], l[1], Integer.parseInt(l[2]), 1, 0, l[3], "c"));
            }
            if (trial == 1) {
                Collections.reverse(input);
            } else if (trial > 1) {
                Collections.shuffle(input, random);
            }
            List<LeaderboardCalculator.Entry> entries = compute(input);
            Map<Integer, Integer> ranks = new TreeMap<>();
            Set<Integer> probation = new TreeSet<>();
            for (LeaderboardCalculator.Entry e : entries) {
                int who = ids.indexOf(e.providerId());
                ranks.put(who, e.rank());
                if (e.probation()) {
                    probation.add(who);
                }
            }
            if (expectedRanks == null) {
                expectedRanks = ranks;
                expectedProbation = probation;
            }
            assertEquals(expectedRanks, ranks, "ranks, trial " + trial);
            assertEquals(expectedProbation, probation, "probation, trial " + trial);

            int quota = (int) Math.floor(n * 0.10);
            assertTrue(probation.size() <= quota);
            BigDecimal best = entries.get(0).score();
            for (LeaderboardCalculator.Entry e : entries) {
                if (e.probation()) {
                    assertTrue(e.score().compareTo(best) < 0, "never the best score");
                    for (LeaderboardCalculator.Entry other : entries) {
                        if (other.score().compareTo(e.score()) <= 0) {
                            assertTrue(other.probation(), "a provider scoring at most a probation score is on probation too");
                        }
                    }
                }
                long better = entries.stream().filter(o -> o.score().compareTo(e.score()) > 0).count();
                assertEquals(better + 1, e.rank(), "standard competition ranking");
            }
        }
    }

    /** Fixed-range scaling: a 1000x outlier does not move anybody else's growth points, nor the order. */
    @Test
    void anOutlierDoesNotFlattenTheOthers() {
        List<LeaderboardCalculator.ProviderResults> runners = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            runners.add(results(i, "1000000.00", (1000000 + i * 100000) + ".00", 0, 1, 0, "4", "c"));
        }
        List<LeaderboardCalculator.ProviderResults> withOutlier = new ArrayList<>(runners);
        withOutlier.add(results(99, "1000000.00", "1000000000.00", 0, 1, 0, "4", "c"));

        Map<UUID, BigDecimal> alone = growthPoints(compute(runners));
        List<LeaderboardCalculator.Entry> raced = compute(withOutlier);
        Map<UUID, BigDecimal> along = growthPoints(raced);
        along.remove(new UUID(0, 99));
        assertEquals(alone, along);
        assertEquals(new UUID(0, 99), raced.get(0).providerId());
        assertEquals(new BigDecimal("3.000000"), raced.get(0).components().gmvGrowth(), "capped at 8x");
        assertEquals(new BigDecimal("1.000000"), raced.get(0).components().scaled().get("gmvGrowth"));
        // the others keep their order and spacing: 10% more growth is worth more points, each time
        List<UUID> order = raced.stream().skip(1).map(LeaderboardCalculator.Entry::providerId).toList();
        assertEquals(List.of(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L), order.stream().map(UUID::getLeastSignificantBits).toList());
        // the growth of the 1.1x runner is its own: log2(1.11e6 / 1.01e6), whoever else races
        assertEquals(new BigDecimal("0.136204"), entry(raced, new UUID(0, 1)).components().gmvGrowth());
    }

    @Test
    void noGmvBeforeButSalesDuringScoresHighButCappedAndComparable() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(1, "0.00", "500.00", 0, 1, 0, null, "c"),            // log2(10500 / 10000)
                results(2, "0.00", "1000000.00", 0, 1, 0, null, "c"),        // log2(101) = 6.66 -> capped at 3
                results(3, "1000000.00", "8000000.00", 0, 1, 0, null, "c"),  // log2(8.01e6 / 1.01e6)
                results(4, "1000000.00", "900000.00", 0, 1, 0, null, "c"),   // shrank
                results(5, "0.00", "0.00", 0, 0, 0, null, "c")));            // no completed engagement
        assertEquals(new BigDecimal("0.070389"), entry(entries, new UUID(0, 1)).components().gmvGrowth());
        assertEquals(new BigDecimal("0.511732"), entry(entries, new UUID(0, 1)).components().scaled().get("gmvGrowth"));
        assertEquals(new BigDecimal("3.000000"), entry(entries, new UUID(0, 2)).components().gmvGrowth());
        assertEquals(new BigDecimal("1.000000"), entry(entries, new UUID(0, 2)).components().scaled().get("gmvGrowth"));
        assertEquals(new BigDecimal("2.987447"), entry(entries, new UUID(0, 3)).components().gmvGrowth());
        assertEquals(new BigDecimal("-0.150417"), entry(entries, new UUID(0, 4)).components().gmvGrowth());
        assertNull(entry(entries, new UUID(0, 5)).components().gmvGrowth());
        assertEquals(new BigDecimal("0.000000"), entry(entries, new UUID(0, 5)).components().scaled().get("gmvGrowth"));
        assertEquals(List.of(2L, 3L, 1L, 4L, 5L), entries.stream().map(e -> e.providerId().getLeastSignificantBits()).toList());
    }

    @Test
    void leapsScaleByRankSoAnOutlierCannotFlattenTheRest() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(1, "1.00", "1.00", 0, 1, 0, null, "c"),
                results(2, "1.00", "1.00", 1, 1, 0, null, "c"),
                results(3, "1.00", "1.00", 1, 1, 0, null, "c"),
                results(4, "1.00", "1.00", 5, 1, 0, null, "c"),
                results(5, "1.00", "1.00", 1000, 1, 0, null, "c")));
        assertEquals(new BigDecimal("0.000000"), entry(entries, new UUID(0, 1)).components().scaled().get("leaps"));
        assertEquals(new BigDecimal("0.250000"), entry(entries, new UUID(0, 2)).components().scaled().get("leaps"));
        assertEquals(new BigDecimal("0.250000"), entry(entries, new UUID(0, 3)).components().scaled().get("leaps"));
        assertEquals(new BigDecimal("0.750000"), entry(entries, new UUID(0, 4)).components().scaled().get("leaps"));
        assertEquals(new BigDecimal("1.000000"), entry(entries, new UUID(0, 5)).components().scaled().get("leaps"));
        assertEquals(new BigDecimal("0.000000"), compute(List.of(results(1, "1.00", "1.00", 7, 1, 0, null, "c"))).get(0)
                .components().scaled().get("leaps"), "alone in its cohort");
    }

    @Test
    void componentsAreExactOnFixedRangesAndTheScoreIsTheSumOfThePoints() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(1, "10000.00", "30000.00", 2, 4, 2, "4.5", "c"),   // log2(40000 / 20000) = 1
                results(2, "1000.00", "1000.00", 0, 2, 0, null, "c")));     // flat, no rating
        LeaderboardCalculator.Entry first = entries.get(0);
        assertEquals(new UUID(0, 1), first.providerId());
        assertEquals(new BigDecimal("1.000000"), first.components().gmvGrowth());
        assertEquals(new BigDecimal("0.666667"), first.components().scaled().get("gmvGrowth"));
        assertEquals(new BigDecimal("0.500000"), first.components().retention());
        assertEquals(new BigDecimal("0.500000"), first.components().scaled().get("retention"));
        assertEquals(new BigDecimal("4.500000"), first.components().rating());
        assertEquals(new BigDecimal("0.875000"), first.components().scaled().get("rating"));
        assertEquals(new BigDecimal("1.000000"), first.components().scaled().get("leaps"));
        // 0.40 * 0.666667 + 0.25 * 1 + 0.15 * 0.5 + 0.20 * 0.875
        assertEquals(new BigDecimal("0.766667"), first.score());
        LeaderboardCalculator.Entry second = entries.get(1);
        assertEquals(new BigDecimal("0.000000"), second.components().gmvGrowth());
        assertEquals(new BigDecimal("0.500000"), second.components().scaled().get("gmvGrowth"));
        assertNull(second.components().rating());
        assertEquals(new BigDecimal("0.000000"), second.components().scaled().get("rating"));
        assertEquals(new BigDecimal("0.200000"), second.score());
        for (LeaderboardCalculator.Entry e : entries) {
            BigDecimal sum = e.components().points().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, sum.compareTo(e.score()));
        }
    }

    @Test
    void aProviderIsRankedInEachOfItsCohorts() {
        List<LeaderboardCalculator.Entry> entries = compute(List.of(
                results(1, "1.00", "3.00", 0, 1, 0, "5", "a", "b"),
                results(2, "1.00", "2.00", 0, 1, 0, "5", "b")));
        assertEquals(3, entries.size());
        assertEquals(List.of("a", "b", "b"), entries.stream().map(LeaderboardCalculator.Entry::category).toList());
    }

    private static Set<UUID> probationIds(List<LeaderboardCalculator.Entry> entries) {
        return entries.stream().filter(LeaderboardCalculator.Entry::probation).map(LeaderboardCalculator.Entry::providerId)
                .collect(Collectors.toSet());
    }

    private static Map<UUID, BigDecimal> growthPoints(List<LeaderboardCalculator.Entry> entries) {
        Map<UUID, BigDecimal> points = new HashMap<>();
        entries.forEach(e -> points.put(e.providerId(), e.components().points().get("gmvGrowth")));
        return points;
    }
}
