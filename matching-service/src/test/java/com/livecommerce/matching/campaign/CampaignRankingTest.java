package com.livecommerce.matching.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.DefaultScorer;
import com.livecommerce.matching.scoring.Score;
import com.livecommerce.matching.scoring.Scorer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link CampaignScores#ranking()} (pricing by groups and sorted lists, without scoring every pair) against a scan of
 * every pair, on random instances; and the solver with it against brute force and against the solver that scans.
 */
class CampaignRankingTest {

    static final Scorer SCORER = DefaultScorer.create();
    static final String[] KINDS = {"CREATOR", "INDUSTRIAL_BELT", "BRAND", "SOMETHING_ELSE"};
    static final String[] TYPES = {"MCN", "INDUSTRIAL_BELT", "BRAND"};

    record Instance(List<MerchantEntry> classes, List<ProviderEntry> providers, int[] remaining, CampaignScores scores) {
    }

    /** Few categories, regions and needs, so that ties and shared (kind, needs) groups are frequent. */
    static Instance random(Random r, int classes, int providers, Score score) {
        int categories = 1 + r.nextInt(5);
        int regions = 1 + r.nextInt(5);
        List<MerchantEntry> merchants = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            merchants.add(new MerchantEntry(UUID.randomUUID(), "m", KINDS[r.nextInt(KINDS.length)],
                    r.nextInt(6) == 0 ? null : "cat-" + r.nextInt(categories), r.nextInt(6) == 0 ? null : "reg-" + r.nextInt(regions),
                    "STALLED", r.nextInt(3) == 0 ? 0 : r.nextInt(16), 1, 1));
        }
        List<ProviderEntry> list = new ArrayList<>();
        int[] remaining = new int[providers];
        for (int j = 0; j < providers; j++) {
            Set<String> cats = new HashSet<>();
            for (int n = r.nextInt(3); n > 0; n--) {
                cats.add("cat-" + r.nextInt(categories + 1)); // sometimes one no class has
            }
            Set<String> regs = new HashSet<>();
            for (int n = r.nextInt(3); n > 0; n--) {
                regs.add("reg-" + r.nextInt(regions + 1));
            }
            int capacity = r.nextInt(6);
            remaining[j] = capacity == 0 ? 0 : r.nextInt(capacity + 1);
            BigDecimal served = BigDecimal.valueOf(r.nextInt(4) * 100_000_000L);
            int leapt = r.nextInt(3) * 10;
            String tier = r.nextInt(3) == 0 ? "BILLION" : "NONE";
            list.add(new ProviderEntry(UUID.randomUUID(), "p", TYPES[r.nextInt(3)], Set.copyOf(cats), Set.copyOf(regs), r.nextInt(16),
                    capacity, true, tier, "NONE", served, leapt, 1, SCORER.trackRecord(served, leapt), Scorer.tier(tier, "NONE")));
        }
        return new Instance(merchants, list, remaining, new CampaignScores(score, merchants, list, remaining));
    }

    @Test
    void theRankingIsTheScanOfEveryPair() {
        Random r = new Random(20261204);
        for (int i = 0; i < 300; i++) {
            int classes = 1 + r.nextInt(40);
            int providers = 1 + r.nextInt(30);
            Score score = i % 3 == 0 ? SCORER.score()
                    : new Score(new int[] {r.nextInt(30), r.nextInt(30), r.nextInt(30), r.nextInt(30), r.nextInt(30), r.nextInt(30),
                            r.nextInt(30)}, r.nextInt(Score.ONE));
            Instance in = random(r, classes, providers, score);
            TransportationSolver.Ranking ranking = in.scores().ranking();
            assertNotNull(ranking);
            for (int round = 0; round < 4; round++) {
                int k = 1 + r.nextInt(5);
                boolean[] eligible = new boolean[providers];
                long[] offset = new long[providers];
                for (int j = 0; j < providers; j++) {
                    eligible[j] = r.nextInt(5) != 0;
                    // offsets on a coarse grid (ties) or anywhere
                    offset[j] = round == 0 ? 0 : r.nextBoolean() ? 1000L * (r.nextInt(41) - 20) : r.nextInt(800_001) - 400_000;
                }
                long[] threshold = new long[classes];
                BitSet[] skip = round % 2 == 0 ? null : new BitSet[classes];
                for (int c = 0; c < classes; c++) {
                    threshold[c] = r.nextInt(10) == 0 ? Long.MAX_VALUE : round == 0 ? 0 : r.nextInt(1_000_001) - 200_000;
                    if (skip != null) {
                        skip[c] = new BitSet();
                        for (int j = 0; j < providers; j++) {
                            if (r.nextInt(4) == 0) {
                                skip[c].set(j);
                            }
                        }
                    }
                }
                int[] provider = new int[classes * k];
                long[] scores = new long[classes * k];
                int[] count = new int[classes];
                ranking.best(offset, eligible, k, threshold, skip, provider, scores, count);
                for (int c = 0; c < classes; c++) {
                    // the scan: every qualifying provider, by value descending, then the lower index
                    List<long[]> all = new ArrayList<>();
                    for (int j = 0; j < providers; j++) {
                        long s = in.scores().score(c, j);
                        if (threshold[c] != Long.MAX_VALUE && eligible[j] && (skip == null || !skip[c].get(j)) && s > 0
                                && s + offset[j] > threshold[c]) {
                            all.add(new long[] {s + offset[j], j, s});
                        }
                    }
                    all.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
                    int n = Math.min(k, all.size());
                    assertEquals(n, count[c], "instance " + i + " round " + round + " class " + c);
                    int[] expected = new int[n];
                    long[] expectedScores = new long[n];
                    for (int a = 0; a < n; a++) {
                        expected[a] = (int) all.get(a)[1];
                        expectedScores[a] = all.get(a)[2];
                    }
                    assertArrayEquals(expected, Arrays.copyOfRange(provider, c * k, c * k + n), "instance " + i + " class " + c);
                    assertArrayEquals(expectedScores, Arrays.copyOfRange(scores, c * k, c * k + n));
                }
            }
        }
    }

    @Test
    void theSolverWithTheRankingFindsTheBruteForceOptimum() {
        Random r = new Random(4);
        int pricingWasNeeded = 0;
        for (int i = 0; i < 300; i++) {
            Instance in = random(r, 1 + r.nextInt(4), 1 + r.nextInt(4), SCORER.score());
            int classes = in.classes().size();
            int providers = in.providers().size();
            int[] supply = new int[classes];
            List<Integer> merchants = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                supply[c] = 1 + (merchants.size() < 4 ? r.nextInt(3) : 0);
                for (int m = 0; m < supply[c]; m++) {
                    merchants.add(c);
                }
            }
            int[] capacity = new int[providers];
            long[][] score = new long[classes][providers];
            for (int j = 0; j < providers; j++) {
                capacity[j] = r.nextInt(3);
                for (int c = 0; c < classes; c++) {
                    score[c][j] = in.scores().score(c, j);
                }
            }
            TransportationSolverTest.Instance brute = new TransportationSolverTest.Instance(
                    merchants.stream().mapToInt(Integer::intValue).toArray(), supply, capacity, score);
            long optimum = TransportationSolverTest.bruteForce(brute);
            TransportationSolver.Solution ranked = new TransportationSolver(1, 1, 1).solve(supply, capacity, in.scores());
            TransportationSolverTest.checkFeasible(brute, ranked);
            assertEquals(optimum, ranked.objective(), "instance " + i);
            if (ranked.stats().rounds() > 1) {
                pricingWasNeeded++;
            }
        }
        assertTrue(pricingWasNeeded > 10, "pricing added arcs in " + pricingWasNeeded + " instances");
    }

    /** Larger instances than brute force can do: the same optimum as the solver that scans every pair. */
    @Test
    void theSolverWithTheRankingEqualsTheScanningSolver() {
        Random r = new Random(11);
        for (int i = 0; i < 30; i++) {
            Instance in = random(r, 20 + r.nextInt(300), 5 + r.nextInt(60), SCORER.score());
            int classes = in.classes().size();
            int providers = in.providers().size();
            int[] supply = new int[classes];
            for (int c = 0; c < classes; c++) {
                supply[c] = 1 + (r.nextInt(5) == 0 ? r.nextInt(20) : 0);
            }
            int[] capacity = new int[providers];
            for (int j = 0; j < providers; j++) {
                capacity[j] = r.nextInt(12);
            }
            CampaignScores scores = in.scores();
            TransportationSolver.Scores scanning = scores::score; // no ranking: the solver scans
            int perClass = 1 + r.nextInt(8);
            TransportationSolver.Solution ranked = new TransportationSolver(1, 1, perClass).solve(supply, capacity, scores);
            TransportationSolver.Solution scanned = new TransportationSolver(1, 1, perClass).solve(supply, capacity, scanning);
            TransportationSolver.Solution everyArc = new TransportationSolver(providers, 1000, perClass).solve(supply, capacity, scanning);
            assertEquals(everyArc.objective(), scanned.objective(), "instance " + i);
            assertEquals(everyArc.objective(), ranked.objective(), "instance " + i);
            // the same arcs in the same rounds: the ranking prices exactly as the scan does
            assertEquals(scanned.stats().arcs(), ranked.stats().arcs(), "instance " + i);
            assertEquals(scanned.stats().rounds(), ranked.stats().rounds(), "instance " + i);
            assertEquals(scanned.flows(), ranked.flows(), "instance " + i);
            // first solving a sample for provider potentials (as large campaigns do) changes nothing but the first arcs
            TransportationSolver.Solution guided = new TransportationSolver(1, 1, perClass, 1).solve(supply, capacity, scores);
            assertEquals(everyArc.objective(), guided.objective(), "instance " + i + " guided by a sample");
            assertEquals(1, everyArc.stats().rounds());
        }
    }
}
