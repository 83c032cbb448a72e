package com.livecommerce.matching.campaign;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact maximum-score assignment of merchant classes to providers with capacities (a transportation problem),
 * solved as a min-cost flow with OR-Tools, without ever building all class x provider arcs.
 * <p>
 * Network: each class is a source of its supply (its number of merchants); arcs class -> provider (capacity
 * min(supply, capacity), cost -score), class -> sink (cost 0: the merchant stays unassigned), provider -> sink
 * (capacity: what the provider has left). The min-cost flow is the maximum total score; each merchant gets at most
 * one provider and no provider more than its capacity. Only arcs of positive score exist.
 * <p>
 * Column generation keeps it exact and small: the first network holds, per class, only its best providers (until
 * their capacity covers twice the class's supply); after each solve, node potentials are computed from the
 * residual graph (Bellman-Ford: shortest distances from a virtual root), and every arc left out is priced: one
 * whose reduced cost {@code -score + pi(class) - pi(provider)} is negative could improve the flow; per class the
 * {@code perClass} most negative ones are added (partial pricing: adding every such arc at once grew the network to
 * tens of millions of arcs and gigabytes of heap on 100,000 merchants, bench/campaign.sh), and the network is solved
 * again. When no arc left out has a negative reduced cost, the potentials prove the flow optimal for the full problem
 * (complementary slackness holds on every arc, in or out), so the answer equals what the solver would give with all
 * 2x10^8 arcs. Arcs are kept in flat arrays (16 bytes each).
 * <p>
 * OR-Tools solves every network from scratch, so what costs is the number and size of the networks; three things
 * keep both small (none of them touches exactness, which only the final pricing over every pair decides):
 * <ul>
 * <li>Pricing by an exact oracle when the scores have one ({@link Scores#ranking()}; {@link CampaignScores} ranks by
 * groups of classes and sorted lists instead of scoring all pairs): a round's pricing is a fraction of a second, so
 * it also picks the first candidates.</li>
 * <li>Campaigns of many classes first solve a sample of a fifth of them ({@link #presolve}) and start each class with,
 * besides its best providers by score, its best by score minus the sample's provider prices: on 100,000 distinct
 * merchants the first network is then within 0.001% of the optimum and one more round proves it.</li>
 * <li>After a round that improved the objective, arcs without flow and outside their class's {@link #KEEP} of lowest
 * reduced cost leave the network (pricing can bring them back); rounds still end, since the objective never goes
 * down and arcs only go after a strict improvement.</li>
 * </ul>
 */
public final class TransportationSolver {

    static {
        Loader.loadNativeLibraries();
    }

    /** The score of sending one unit of {@code source} to {@code provider}; 0 or less: the pair may not be assigned. */
    @FunctionalInterface
    public interface Scores {
        long score(int source, int provider);

        /**
         * Optional bound for pricing: {@code score(source, provider) <= sourceBound(source) + providerBound(provider)} for
         * every pair. With it, pricing visits a class's providers by decreasing bound and stops where no arc left can
         * have a negative reduced cost (or beat those already kept). The default bounds nothing.
         */
        default long sourceBound(int source) {
            return Long.MAX_VALUE / 4;
        }

        default long providerBound(int provider) {
            return 0;
        }

        /**
         * Optional exact ranking oracle that prices without visiting every provider of every class (see {@link Ranking});
         * {@code null} (the default): the solver scans the providers itself.
         */
        default Ranking ranking() {
            return null;
        }
    }

    /**
     * Finds, for many classes at once, the providers of highest {@code score(c, j) + offset[j]}: what the solver needs for
     * its first candidates ({@code offset} 0) and for pricing ({@code offset[j] = pi(provider j)}, threshold
     * {@code pi(c)}: exactly the arcs of negative reduced cost, most negative first). It must be exact: the answer is the
     * one a scan of every provider would give.
     */
    public interface Ranking {
        /**
         * For every class {@code c} with {@code threshold[c] != Long.MAX_VALUE}: the at most {@code k} providers {@code j}
         * with {@code eligible[j]}, not in {@code skip[c]} (when {@code skip} is not null), {@code score(c, j) > 0} and
         * {@code score(c, j) + offset[j] > threshold[c]}, of highest {@code score(c, j) + offset[j]} (ties: the lower
         * {@code j} first), in that order: into {@code provider[c * k + i]}, their scores into {@code score[c * k + i]},
         * their number into {@code count[c]}. Returns how many pairs it scored.
         */
        long best(long[] offset, boolean[] eligible, int k, long[] threshold, java.util.BitSet[] skip, int[] provider,
                long[] score, int[] count);
    }

    /** One arc of the optimal flow: {@code amount} merchants of {@code source} go to {@code provider}, each scoring {@code score}. */
    public record Flow(int source, int provider, int amount, long score) {
    }

    /**
     * How the solve went; where the time went: the first candidates ({@code initialMillis}), the min-cost-flow solves
     * ({@code flowMillis}), the potentials ({@code potentialsMillis}) and the pricing of arcs left out ({@code pricingMillis}).
     */
    public record Stats(int sources, int providers, int arcs, int rounds, long pricedPairs, long solveMillis, long initialMillis,
            long flowMillis, long potentialsMillis, long pricingMillis) {
    }

    public record Solution(long objective, List<Flow> flows, boolean[] hasCandidate, Stats stats) {

        /** Units of {@code source} assigned. */
        public int assigned(int source) {
            int n = 0;
            for (Flow f : flows) {
                if (f.source() == source) {
                    n += f.amount();
                }
            }
            return n;
        }
    }

    private final int minCandidates;
    private final int coverFactor;
    private final int perClass;
    private final long presolveClasses;

    /**
     * @param minCandidates providers kept per class at first at least; {@code coverFactor}: until their capacity is this
     *                      times the supply; {@code perClass}: arcs added per class and round at most
     */
    public TransportationSolver(int minCandidates, int coverFactor, int perClass) {
        this(minCandidates, coverFactor, perClass, PRESOLVE_CLASSES);
    }

    /** {@code presolveClasses}: the number of classes from which a sample is solved first (tests lower it). */
    TransportationSolver(int minCandidates, int coverFactor, int perClass, long presolveClasses) {
        this.minCandidates = Math.max(1, minCandidates);
        this.coverFactor = Math.max(1, coverFactor);
        this.perClass = Math.max(1, perClass);
        this.presolveClasses = presolveClasses;
    }

    public TransportationSolver(int minCandidates, int coverFactor) {
        this(minCandidates, coverFactor, 8);
    }

    public TransportationSolver() {
        this(4, 2);
    }

    public Solution solve(int[] supply, int[] capacity, Scores scores) {
        return run(supply, capacity, scores, null, true);
    }

    /**
     * Classes from which a sample is solved first for its provider potentials (see {@link #presolve}): campaigns of
     * many distinct merchants. With fewer, larger classes (bench/campaign.sh realistic) a sample of classes is a poor
     * picture of the whole and plain pricing needs no more rounds.
     */
    static final long PRESOLVE_CLASSES = 40_000;
    /** The share of classes in that sample. */
    static final double SAMPLE = 0.2;
    /** First candidates per class by score + the sample's provider potentials. */
    static final int GUIDED = 4;
    private static final boolean TRACE = Boolean.getBoolean("campaign.trace");

    /**
     * The provider potentials of a sample: about a fifth of the classes (every class with its whole supply, picked by a
     * fixed hash of its index) against every provider with the same share of its capacity, solved exactly by this solver. In a
     * large campaign they are close to the full problem's, so the first network of the full problem can already hold,
     * per class, its best providers by score + potential: the arcs an optimal flow uses, mostly, which leaves pricing
     * little to add and the number of (from scratch) min-cost-flow solves small. Only a guess: pricing over every pair
     * still decides optimality. Null when the sample would be empty.
     */
    private long[] presolve(int[] supply, int[] capacity, Scores scores, Ranking ranking) {
        int s = supply.length;
        int p = capacity.length;
        int[] sampled = new int[s];
        int n = 0;
        long total = 0;
        long taken = 0;
        for (int c = 0; c < s; c++) {
            total += Math.max(0, supply[c]);
            long h = (c + 1) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
            if (supply[c] > 0 && (h >>> 11) * 0x1.0p-53 < SAMPLE) {
                sampled[n++] = c;
                taken += supply[c];
            }
        }
        if (n == 0 || taken == 0) {
            return null;
        }
        int[] of = Arrays.copyOf(sampled, n);
        int[] subSupply = new int[n];
        for (int i = 0; i < n; i++) {
            subSupply[i] = supply[of[i]];
        }
        double share = (double) taken / total;
        int[] subCapacity = new int[p];
        for (int j = 0; j < p; j++) {
            double scaled = capacity[j] * share;
            double frac = ((j + 1) * 0.6180339887498949) % 1.0; // rounding up or down, spread over providers
            subCapacity[j] = capacity[j] <= 0 ? 0 : (int) Math.floor(scaled + frac);
        }
        Scores sub = new Scores() {
            @Override
            public long score(int c, int j) {
                return scores.score(of[c], j);
            }

            @Override
            public Ranking ranking() {
                return (offset, eligible, k, threshold, skip, provider, score, count) -> {
                    long[] fullThreshold = new long[s];
                    Arrays.fill(fullThreshold, Long.MAX_VALUE);
                    java.util.BitSet[] fullSkip = skip == null ? null : new java.util.BitSet[s];
                    for (int i = 0; i < of.length; i++) {
                        fullThreshold[of[i]] = threshold[i];
                        if (fullSkip != null) {
                            fullSkip[of[i]] = skip[i];
                        }
                    }
                    int[] fullProvider = new int[s * k];
                    long[] fullScore = new long[s * k];
                    int[] fullCount = new int[s];
                    long scored = ranking.best(offset, eligible, k, fullThreshold, fullSkip, fullProvider, fullScore, fullCount);
                    for (int i = 0; i < of.length; i++) {
                        count[i] = fullCount[of[i]];
                        System.arraycopy(fullProvider, of[i] * k, provider, i * k, count[i]);
                        System.arraycopy(fullScore, of[i] * k, score, i * k, count[i]);
                    }
                    return scored;
                };
            }
        };
        long[][] potentials = new long[1][];
        Solution solution = run(subSupply, subCapacity, sub, potentials, false);
        if (TRACE) {
            System.err.printf("[solver] sample: %d classes, %d units, %s%n", n, taken, solution.stats());
        }
        // a provider's price: how far below the sink its potential is (0 for one with places left); the potential of a
        // provider no arc of the sample's network reached says nothing (it can sit above the sink's), so it is capped
        long[] pi = potentials[0];
        long sink = pi[n + p];
        long[] guide = new long[p];
        for (int j = 0; j < p; j++) {
            guide[j] = Math.min(0, pi[n + j] - sink);
        }
        return guide;
    }

    private Solution run(int[] supply, int[] capacity, Scores scores, long[][] potentialsOut, boolean presolve) {
        long started = System.nanoTime();
        int s = supply.length;
        int p = capacity.length;
        Candidates candidates = new Candidates(s);
        boolean[] hasCandidate = new boolean[s];
        long[] row = new long[p];
        long[] keys = new long[p];
        long[] top = new long[TOP];
        Ranking ranking = scores.ranking();
        boolean[] eligible = new boolean[p];
        for (int j = 0; j < p; j++) {
            eligible[j] = capacity[j] > 0;
        }
        boolean[] ranked = new boolean[s];
        if (ranking != null) {
            // the first candidates from the oracle: the best providers by score, the same as the scan below finds
            int k0 = Math.max(minCandidates, 8);
            long[] threshold = new long[s];
            for (int c = 0; c < s; c++) {
                threshold[c] = supply[c] > 0 ? 0 : Long.MAX_VALUE;
            }
            int[] bestProvider = new int[s * k0];
            long[] bestScore = new long[s * k0];
            int[] count = new int[s];
            ranking.best(new long[p], eligible, k0, threshold, null, bestProvider, bestScore, count);
            for (int c = 0; c < s; c++) {
                if (supply[c] <= 0) {
                    continue;
                }
                hasCandidate[c] = count[c] > 0;
                long covered = 0;
                int n = 0;
                while (n < count[c] && !(n >= minCandidates && covered >= (long) coverFactor * supply[c])) {
                    covered += capacity[bestProvider[c * k0 + n]];
                    n++;
                }
                if (n == count[c] && count[c] == k0 && !(n >= minCandidates && covered >= (long) coverFactor * supply[c])) {
                    continue; // a large class: more than k0 providers, the scan below
                }
                for (int i = 0; i < n; i++) {
                    candidates.add(c, bestProvider[c * k0 + i], bestScore[c * k0 + i]);
                }
                ranked[c] = true;
            }
        }
        for (int c = 0; c < s; c++) {
            if (supply[c] <= 0 || ranked[c]) {
                continue;
            }
            int n = 0;
            for (int j = 0; j < p; j++) {
                long score = capacity[j] > 0 ? scores.score(c, j) : 0;
                row[j] = score;
                if (score > 0) {
                    n++;
                }
            }
            hasCandidate[c] = n > 0;
            for (int j : best(row, keys, top, capacity, supply[c])) {
                candidates.add(c, j, row[j]);
            }
        }
        long[] guide = ranking != null && presolve && s >= presolveClasses ? presolve(supply, capacity, scores, ranking) : null;
        if (guide != null) {
            long[] threshold = new long[s];
            for (int c = 0; c < s; c++) {
                threshold[c] = supply[c] > 0 && hasCandidate[c] ? Long.MIN_VALUE / 4 : Long.MAX_VALUE;
            }
            int[] bestProvider = new int[s * GUIDED];
            long[] bestScore = new long[s * GUIDED];
            int[] count = new int[s];
            ranking.best(guide, eligible, GUIDED, threshold, candidates.members, bestProvider, bestScore, count);
            for (int c = 0; c < s; c++) {
                for (int i = 0; i < count[c]; i++) {
                    candidates.add(c, bestProvider[c * GUIDED + i], bestScore[c * GUIDED + i]);
                }
            }
        }
        long priced = 0;
        int rounds = 0;
        long lastObjective = Long.MIN_VALUE;
        long initialNs = System.nanoTime() - started;
        long flowNs = 0;
        long potentialsNs = 0;
        long pricingNs = 0;
        while (true) {
            rounds++;
            long t0 = System.nanoTime();
            Network net = solveNetwork(supply, capacity, candidates);
            long t1 = System.nanoTime();
            long[] pi = potentials(net, s + p + 1);
            long t2 = System.nanoTime();
            flowNs += t1 - t0;
            potentialsNs += t2 - t1;
            if (potentialsOut != null) {
                potentialsOut[0] = pi;
            }
            if (TRACE) {
                System.err.printf("[solver] round %d: %d arcs, min-cost flow %d ms, objective %d%n", rounds, candidates.size(),
                        (t1 - t0) / 1_000_000, net.objective);
            }
            if (net.objective > lastObjective) {
                // the network only has to hold what the next solve can likely use: arcs with flow and each class's
                // few of lowest reduced cost; the others go (and can come back through pricing). Only after a round that
                // improved the objective, so that the rounds still end (each keeps the previous flow).
                candidates = candidates.prune(net, pi);
            }
            lastObjective = net.objective;
            int added = 0;
            if (ranking != null) {
                long[] offset = new long[p];
                for (int j = 0; j < p; j++) {
                    offset[j] = pi[s + j];
                }
                long[] threshold = new long[s];
                for (int c = 0; c < s; c++) {
                    // reduced cost -score + pi(c) - pi(j) < 0: score + pi(j) > pi(c)
                    threshold[c] = supply[c] > 0 && hasCandidate[c] ? pi[c] : Long.MAX_VALUE;
                }
                int[] bestProvider = new int[s * perClass];
                long[] bestScore = new long[s * perClass];
                int[] count = new int[s];
                priced += ranking.best(offset, eligible, perClass, threshold, candidates.members, bestProvider, bestScore, count);
                for (int c = 0; c < s; c++) {
                    for (int i = 0; i < count[c]; i++) {
                        candidates.add(c, bestProvider[c * perClass + i], bestScore[c * perClass + i]);
                        added++;
                    }
                }
            } else {
                // per class: the perClass most negative reduced costs (ties: the lower provider index first)
                TopK cheapest = new TopK(perClass);
                // providers with capacity by decreasing providerBound + pi: a class's reduced costs can only grow along it
                int[] order = pricingOrder(capacity, scores, pi, s);
                for (int c = 0; c < s; c++) {
                    if (supply[c] <= 0 || !hasCandidate[c]) {
                        continue;
                    }
                    cheapest.clear();
                    java.util.BitSet member = candidates.members[c];
                    long sourceBound = scores.sourceBound(c);
                    for (int j : order) {
                        // no provider from here on has a reduced cost below this
                        long lowest = -sourceBound - scores.providerBound(j) + pi[c] - pi[s + j];
                        if (lowest >= 0 || (cheapest.full() && lowest > cheapest.worstKey())) {
                            break;
                        }
                        if (member.get(j)) {
                            continue;
                        }
                        long score = scores.score(c, j);
                        priced++;
                        long reduced = -score + pi[c] - pi[s + j];
                        if (score > 0 && reduced < 0) {
                            cheapest.offer(reduced, j, score);
                        }
                    }
                    for (int k = 0; k < cheapest.size; k++) {
                        candidates.add(c, cheapest.provider[k], cheapest.score[k]);
                        added++;
                    }
                }
            }
            pricingNs += System.nanoTime() - t2;
            if (added == 0) {
                return new Solution(net.objective, net.flows, hasCandidate,
                        new Stats(s, p, candidates.size(), rounds, priced, (System.nanoTime() - started) / 1_000_000,
                                initialNs / 1_000_000, flowNs / 1_000_000, potentialsNs / 1_000_000, pricingNs / 1_000_000));
            }
        }
    }

    /** The providers with capacity, by decreasing {@code providerBound + pi(provider)} (the lower index first on ties). */
    private static int[] pricingOrder(int[] capacity, Scores scores, long[] pi, int s) {
        int p = capacity.length;
        long[][] keyed = new long[p][];
        int n = 0;
        for (int j = 0; j < p; j++) {
            if (capacity[j] > 0) {
                long bound = scores.providerBound(j);
                keyed[n++] = new long[] {bound + pi[s + j], j};
            }
        }
        long[][] sorted = Arrays.copyOf(keyed, n);
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) sorted[i][1];
        }
        return order;
    }

    /** Providers of a class kept in the first pass without sorting them all (most classes need a handful). */
    private static final int TOP = 32;

    /**
     * The best providers of one class: by score (then the lower index), until their capacity covers coverFactor x
     * supply (at least minCandidates). The best {@link #TOP} are picked by insertion; all eligible ones are sorted only
     * when those do not cover the supply.
     */
    private int[] best(long[] row, long[] keys, long[] top, int[] capacity, int supply) {
        int n = 0;
        int t = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] > 0) {
                long key = (row[j] << 21) | (0x1FFFFF - j); // higher score first, then the lower index
                keys[n++] = key;
                if (t < TOP || key > top[t - 1]) {
                    int at = t < TOP ? t++ : t - 1;
                    while (at > 0 && top[at - 1] < key) {
                        top[at] = top[at - 1];
                        at--;
                    }
                    top[at] = key;
                }
            }
        }
        List<Integer> chosen = new ArrayList<>();
        long covered = 0;
        for (int i = 0; i < t; i++) {
            int j = 0x1FFFFF - (int) (top[i] & 0x1FFFFF);
            chosen.add(j);
            covered += capacity[j];
            if (chosen.size() >= minCandidates && covered >= (long) coverFactor * supply) {
                return chosen.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        if (t == n) {
            return chosen.stream().mapToInt(Integer::intValue).toArray();
        }
        long[] eligible = Arrays.copyOf(keys, n);
        Arrays.sort(eligible);
        chosen.clear();
        covered = 0;
        for (int i = n - 1; i >= 0; i--) {
            int j = 0x1FFFFF - (int) (eligible[i] & 0x1FFFFF);
            chosen.add(j);
            covered += capacity[j];
            if (chosen.size() >= minCandidates && covered >= (long) coverFactor * supply) {
                break;
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Arcs of lowest reduced cost a class keeps when the network is pruned (besides those with flow). */
    static final int KEEP = 2;

    /** The arcs of the current restricted problem (class, provider, score) in flat arrays, with a membership test. */
    private static final class Candidates {
        final java.util.BitSet[] members;
        int[] source = new int[1024];
        int[] provider = new int[1024];
        long[] scores = new long[1024];
        int size;

        Candidates(int sources) {
            members = new java.util.BitSet[sources];
            for (int c = 0; c < sources; c++) {
                members[c] = new java.util.BitSet();
            }
        }

        void add(int c, int j, long score) {
            if (!members[c].get(j)) {
                members[c].set(j);
                if (size == source.length) {
                    int grown = size + (size >> 1);
                    source = Arrays.copyOf(source, grown);
                    provider = Arrays.copyOf(provider, grown);
                    scores = Arrays.copyOf(scores, grown);
                }
                source[size] = c;
                provider[size] = j;
                scores[size] = score;
                size++;
            }
        }

        int size() {
            return size;
        }

        /**
         * The arcs of a solved network worth keeping: those that carry flow, have a reduced cost of 0 or less under
         * {@code pi}, or are among the {@link #KEEP} of lowest reduced cost of their class.
         */
        Candidates prune(Network net, long[] pi) {
            int s = members.length;
            long[] reduced = new long[size];
            int[] start = new int[s + 1];
            for (int i = 0; i < size; i++) {
                reduced[i] = -scores[i] + pi[source[i]] - pi[s + provider[i]];
                start[source[i] + 1]++;
            }
            for (int c = 0; c < s; c++) {
                start[c + 1] += start[c];
            }
            long[] byClass = new long[size];
            int[] fill = Arrays.copyOf(start, s);
            for (int i = 0; i < size; i++) {
                byClass[fill[source[i]]++] = reduced[i];
            }
            long[] cut = new long[s]; // per class: arcs of reduced cost up to this stay
            for (int c = 0; c < s; c++) {
                int n = start[c + 1] - start[c];
                if (n <= KEEP) {
                    cut[c] = Long.MAX_VALUE;
                } else {
                    Arrays.sort(byClass, start[c], start[c + 1]);
                    cut[c] = Math.max(0, byClass[start[c] + KEEP - 1]);
                }
            }
            Candidates kept = new Candidates(s);
            for (int i = 0; i < size; i++) {
                if (net.flow[i] > 0 || reduced[i] <= cut[source[i]]) {
                    kept.add(source[i], provider[i], scores[i]);
                }
            }
            return kept;
        }
    }

    /** A solved restricted network: its arcs with flows and costs, as the residual graph needs them. */
    private static final class Network {
        int[] tail;
        int[] head;
        long[] cap;
        long[] cost;
        long[] flow;
        long objective;
        List<Flow> flows = new ArrayList<>();
    }

    private static Network solveNetwork(int[] supply, int[] capacity, Candidates candidates) {
        int s = supply.length;
        int p = capacity.length;
        int sink = s + p;
        MinCostFlow mcf = new MinCostFlow();
        int arcs = candidates.size() + s + p;
        Network net = new Network();
        net.tail = new int[arcs];
        net.head = new int[arcs];
        net.cap = new long[arcs];
        net.cost = new long[arcs];
        net.flow = new long[arcs];
        int a = 0;
        for (int i = 0; i < candidates.size(); i++) {
            long c = Math.min(supply[candidates.source[i]], capacity[candidates.provider[i]]);
            a = arc(mcf, net, a, candidates.source[i], s + candidates.provider[i], c, -candidates.scores[i]);
        }
        for (int c = 0; c < s; c++) {
            a = arc(mcf, net, a, c, sink, Math.max(0, supply[c]), 0);
        }
        for (int j = 0; j < p; j++) {
            a = arc(mcf, net, a, s + j, sink, Math.max(0, capacity[j]), 0);
        }
        long total = 0;
        for (int c = 0; c < s; c++) {
            mcf.setNodeSupply(c, Math.max(0, supply[c]));
            total += Math.max(0, supply[c]);
        }
        for (int j = 0; j < p; j++) {
            mcf.setNodeSupply(s + j, 0);
        }
        mcf.setNodeSupply(sink, -total);
        MinCostFlowBase.Status status = mcf.solve();
        if (status != MinCostFlowBase.Status.OPTIMAL) {
            throw new IllegalStateException("min-cost flow ended " + status);
        }
        long objective = 0;
        for (int i = 0; i < a; i++) {
            net.flow[i] = mcf.getFlow(i);
            if (i < candidates.size() && net.flow[i] > 0) {
                long score = -net.cost[i];
                net.flows.add(new Flow(net.tail[i], net.head[i] - s, (int) net.flow[i], score));
                objective += score * net.flow[i];
            }
        }
        net.objective = objective;
        return net;
    }

    private static int arc(MinCostFlow mcf, Network net, int a, int tail, int head, long cap, long cost) {
        int id = mcf.addArcWithCapacityAndUnitCost(tail, head, cap, cost);
        if (id != a) {
            throw new IllegalStateException("unexpected arc index " + id + ", expected " + a);
        }
        net.tail[a] = tail;
        net.head[a] = head;
        net.cap[a] = cap;
        net.cost[a] = cost;
        return a + 1;
    }

    /**
     * Node potentials of an optimal flow: shortest distances in its residual graph from a virtual root joined to
     * every node at cost 0 (Bellman-Ford with a queue). Optimality means no negative cycle, so they exist, and every
     * residual arc then has a non-negative reduced cost.
     */
    static long[] potentials(Network net, int nodes) {
        int arcs = net.tail.length;
        // residual arcs, as adjacency lists
        int[] count = new int[nodes + 1];
        for (int i = 0; i < arcs; i++) {
            if (net.flow[i] < net.cap[i]) {
                count[net.tail[i] + 1]++;
            }
            if (net.flow[i] > 0) {
                count[net.head[i] + 1]++;
            }
        }
        for (int v = 0; v < nodes; v++) {
            count[v + 1] += count[v];
        }
        int[] to = new int[count[nodes]];
        long[] w = new long[count[nodes]];
        int[] fill = Arrays.copyOf(count, nodes);
        for (int i = 0; i < arcs; i++) {
            if (net.flow[i] < net.cap[i]) {
                int k = fill[net.tail[i]]++;
                to[k] = net.head[i];
                w[k] = net.cost[i];
            }
            if (net.flow[i] > 0) {
                int k = fill[net.head[i]]++;
                to[k] = net.tail[i];
                w[k] = -net.cost[i];
            }
        }
        long[] dist = new long[nodes];
        boolean[] queued = new boolean[nodes];
        int[] relaxations = new int[nodes];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int v = 0; v < nodes; v++) {
            queue.add(v);
            queued[v] = true;
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            queued[u] = false;
            for (int k = count[u]; k < count[u + 1]; k++) {
                int v = to[k];
                long d = dist[u] + w[k];
                if (d < dist[v]) {
                    dist[v] = d;
                    if (++relaxations[v] > nodes) {
                        throw new IllegalStateException("negative cycle in an optimal residual graph");
                    }
                    if (!queued[v]) {
                        queued[v] = true;
                        queue.add(v);
                    }
                }
            }
        }
        return dist;
    }
}
