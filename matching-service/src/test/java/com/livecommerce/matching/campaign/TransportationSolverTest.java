package com.livecommerce.matching.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The campaign solver against brute force: on many random small instances its objective equals the best of every
 * possible assignment, and it never exceeds a capacity or a class's supply; with a single first candidate per class
 * (so pricing has to find the rest) the answer is the same. And an instance where greedy is worse than optimal.
 */
class TransportationSolverTest {

    record Instance(int[] classOf, int[] supply, int[] capacity, long[][] score) {
    }

    static Instance random(Random r) {
        int merchants = 1 + r.nextInt(6);
        int providers = 1 + r.nextInt(4);
        int classes = 1 + r.nextInt(merchants);
        int[] classOf = new int[merchants];
        int[] supply = new int[classes];
        for (int m = 0; m < merchants; m++) {
            classOf[m] = m < classes ? m : r.nextInt(classes); // every class has a merchant
            supply[classOf[m]]++;
        }
        int[] capacity = new int[providers];
        for (int j = 0; j < providers; j++) {
            capacity[j] = r.nextInt(4);
        }
        long[][] score = new long[classes][providers];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < providers; j++) {
                score[c][j] = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(100);
            }
        }
        return new Instance(classOf, supply, capacity, score);
    }

    /** The best total over every assignment of each merchant to nothing or one provider within capacities. */
    static long bruteForce(Instance in) {
        return best(in, 0, in.capacity.clone());
    }

    private static long best(Instance in, int m, int[] left) {
        if (m == in.classOf.length) {
            return 0;
        }
        long best = best(in, m + 1, left); // unassigned
        for (int j = 0; j < left.length; j++) {
            long s = in.score[in.classOf[m]][j];
            if (left[j] > 0 && s > 0) {
                left[j]--;
                best = Math.max(best, s + best(in, m + 1, left));
                left[j]++;
            }
        }
        return best;
    }

    static void checkFeasible(Instance in, TransportationSolver.Solution sol) {
        int[] used = new int[in.capacity.length];
        int[] sent = new int[in.supply.length];
        long total = 0;
        for (TransportationSolver.Flow f : sol.flows()) {
            assertTrue(f.amount() > 0);
            assertEquals(in.score[f.source()][f.provider()], f.score());
            assertTrue(f.score() > 0, "only pairs with a positive score");
            used[f.provider()] += f.amount();
            sent[f.source()] += f.amount();
            total += f.amount() * f.score();
        }
        for (int j = 0; j < used.length; j++) {
            assertTrue(used[j] <= in.capacity[j], "provider " + j + " over capacity");
        }
        for (int c = 0; c < sent.length; c++) {
            assertTrue(sent[c] <= in.supply[c], "class " + c + " over supply");
        }
        assertEquals(total, sol.objective());
    }

    @Test
    void onManyRandomInstancesTheObjectiveIsTheBruteForceOptimum() {
        Random r = new Random(20211125);
        int pricingWasNeeded = 0;
        for (int i = 0; i < 400; i++) {
            Instance in = random(r);
            long optimum = bruteForce(in);
            TransportationSolver.Solution wide = new TransportationSolver().solve(in.supply, in.capacity, (c, j) -> in.score[c][j]);
            checkFeasible(in, wide);
            assertEquals(optimum, wide.objective(), "instance " + i);
            TransportationSolver.Solution narrow = new TransportationSolver(1, 1).solve(in.supply, in.capacity, (c, j) -> in.score[c][j]);
            checkFeasible(in, narrow);
            assertEquals(optimum, narrow.objective(), "instance " + i + " from one candidate per class");
            if (narrow.stats().rounds() > 1) {
                pricingWasNeeded++;
            }
        }
        assertTrue(pricingWasNeeded > 20, "pricing added arcs in " + pricingWasNeeded + " instances");
    }

    /** Pricing with bounds (as CampaignScores gives them) and one arc added per class and round finds the same optimum. */
    @Test
    void boundedPartialPricingKeepsTheOptimum() {
        Random r = new Random(20261127);
        int pruned = 0;
        for (int i = 0; i < 400; i++) {
            Instance in = random(r);
            long optimum = bruteForce(in);
            long[] providerBound = new long[in.capacity.length];
            for (int j = 0; j < providerBound.length; j++) {
                providerBound[j] = r.nextInt(60);
            }
            long[] sourceBound = new long[in.supply.length];
            for (int c = 0; c < sourceBound.length; c++) {
                sourceBound[c] = Long.MIN_VALUE / 4;
                for (int j = 0; j < providerBound.length; j++) {
                    sourceBound[c] = Math.max(sourceBound[c], in.score[c][j] - providerBound[j]);
                }
            }
            TransportationSolver.Scores bounded = new TransportationSolver.Scores() {
                public long score(int c, int j) {
                    return in.score[c][j];
                }

                public long sourceBound(int c) {
                    return sourceBound[c];
                }

                public long providerBound(int j) {
                    return providerBound[j];
                }
            };
            TransportationSolver.Solution sol = new TransportationSolver(1, 1, 1).solve(in.supply, in.capacity, bounded);
            checkFeasible(in, sol);
            assertEquals(optimum, sol.objective(), "instance " + i);
            TransportationSolver.Solution unbounded = new TransportationSolver(1, 1, 1).solve(in.supply, in.capacity, (c, j) -> in.score[c][j]);
            assertEquals(optimum, unbounded.objective(), "instance " + i + " without bounds");
            if (sol.stats().pricedPairs() < unbounded.stats().pricedPairs()) {
                pruned++;
            }
        }
        assertTrue(pruned > 20, "the bounds spared pricing in " + pruned + " instances");
    }

    @Test
    void greedyIsWorseThanOptimalHere() {
        // merchants A and B, providers X and Y with one place each
        long[][] score = {{90, 80}, {85, 10}};
        int[] supply = {1, 1};
        int[] capacity = {1, 1};
        // greedy takes the best pair first (A-X 90), then what is left (B-Y 10): 100
        assertEquals(100, greedy(score, supply, capacity));
        TransportationSolver.Solution sol = new TransportationSolver(1, 1).solve(supply, capacity, (c, j) -> score[c][j]);
        assertEquals(165, sol.objective()); // A-Y 80 + B-X 85
        assertEquals(List.of(new TransportationSolver.Flow(0, 1, 1, 80), new TransportationSolver.Flow(1, 0, 1, 85)),
                sol.flows().stream().sorted(Comparator.comparingInt(TransportationSolver.Flow::source)).toList());
    }

    static long greedy(long[][] score, int[] supply, int[] capacity) {
        List<long[]> pairs = new ArrayList<>();
        for (int c = 0; c < score.length; c++) {
            for (int j = 0; j < score[c].length; j++) {
                pairs.add(new long[] {score[c][j], c, j});
            }
        }
        pairs.sort((a, b) -> Long.compare(b[0], a[0]));
        int[] left = capacity.clone();
        int[] need = supply.clone();
        long total = 0;
        for (long[] pair : pairs) {
            int c = (int) pair[1];
            int j = (int) pair[2];
            while (need[c] > 0 && left[j] > 0 && pair[0] > 0) {
                need[c]--;
                left[j]--;
                total += pair[0];
            }
        }
        return total;
    }

    @Test
    void classesWithLargeSuppliesAndScarceCapacity() {
        Random r = new Random(7);
        for (int i = 0; i < 50; i++) {
            int classes = 1 + r.nextInt(3);
            int providers = 1 + r.nextInt(3);
            int[] supply = new int[classes];
            int[] classOf = new int[0];
            List<Integer> list = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                supply[c] = 1 + r.nextInt(3);
                for (int k = 0; k < supply[c]; k++) {
                    list.add(c);
                }
            }
            if (list.size() > 7) {
                continue;
            }
            classOf = list.stream().mapToInt(Integer::intValue).toArray();
            int[] capacity = new int[providers];
            for (int j = 0; j < providers; j++) {
                capacity[j] = r.nextInt(3);
            }
            long[][] score = new long[classes][providers];
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < providers; j++) {
                    score[c][j] = r.nextInt(50);
                }
            }
            Instance in = new Instance(classOf, supply, capacity, score);
            TransportationSolver.Solution sol = new TransportationSolver(1, 1).solve(supply, capacity, (c, j) -> score[c][j]);
            checkFeasible(in, sol);
            assertEquals(bruteForce(in), sol.objective());
        }
    }
}
