package com.livecommerce.matching.campaign;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.DefaultScorer;
import com.livecommerce.matching.scoring.Scorer;
import jakarta.enterprise.inject.Vetoed;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: planning one campaign of 100,000 merchants over 2,000 providers with capacities (target <= 10 s), through
 * {@link CampaignPlanner#plan} itself, the code POST /campaigns runs after resolving its cohort: classes of merchants,
 * {@link CampaignScores}, the exact {@link TransportationSolver}, and handing out merchants. Only the index is a stand-in
 * (hash maps filled here instead of from the read-model tables). Run with {@code bench/campaign.sh}.
 * <ul>
 * <li>{@code realistic}: merchant kinds, categories, regions and service-request needs drawn from skewed
 * distributions (a few big categories and belts, most merchants without a service request or asking for live
 * operations and ads), 2% already engaged; providers of the three types with 1-4 categories, 1-5 regions, 2-6
 * capabilities, capacity 10-70 of which up to a quarter held, 3% not in good standing, a few tiers and badges.
 * Capacity (about 75,000 places left) is scarcer than merchants, so the solver has to choose.</li>
 * <li>{@code worst}: features drawn uniformly from 200 categories, 300 regions and all 256 sets of needs, so nearly
 * every merchant is a class of its own (~100,000 classes, 2x10^8 pairs to price per round).</li>
 * </ul>
 * Each trial prints the plan's statistics (classes, arcs, rounds, priced pairs, assigned) and the heap: the peak of
 * every heap pool since the instance was built (so it counts the index plus what planning allocates) and GC counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CampaignBenchmark {

    @Param({"realistic", "worst"})
    String instance;

    @Param({"100000"})
    int merchants;

    @Param({"2000"})
    int providers;

    CampaignPlanner planner;
    List<UUID> cohort;
    CampaignPlanner.Plan last;
    long setupHeapUsed;
    final List<Long> runMillis = new ArrayList<>();

    /** The index stand-in: the same lookups the planner makes, from hash maps. */
    @Vetoed
    static final class BenchIndex extends MatchingIndex {
        final Map<UUID, MerchantEntry> merchantMap = new HashMap<>();
        final Map<UUID, ProviderEntry> providerMap = new HashMap<>();
        final Map<UUID, Integer> heldMap = new HashMap<>();
        final Set<UUID> engagedSet = new HashSet<>();

        @Override
        public Optional<MerchantEntry> merchant(UUID id) {
            return Optional.ofNullable(merchantMap.get(id));
        }

        @Override
        public Collection<ProviderEntry> providers() {
            return providerMap.values();
        }

        @Override
        public int held(UUID provider) {
            return heldMap.getOrDefault(provider, 0);
        }

        @Override
        public int proposed(UUID provider) {
            return 0;
        }

        @Override
        public boolean engaged(UUID merchant) {
            return engagedSet.contains(merchant);
        }
    }

    static final String[] KINDS = {"CREATOR", "INDUSTRIAL_BELT", "BRAND"};
    static final String[] TYPES = {"MCN", "INDUSTRIAL_BELT", "BRAND"};
    static final String[] STAGES = {"NEW", "GROWING", "STALLED", "DECLINING"};
    // Need ordinals: ACCOUNT_LAUNCH, AD_OPTIMIZATION, PRODUCT_SELECTION, SKU_MANAGEMENT, PRIVATE_DOMAIN, LIVE_OPERATIONS, CONTENT, TEAM_MANAGEMENT
    static final double[] NEED_WEIGHTS = {10, 20, 12, 6, 6, 30, 10, 6};

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(20261127);
        boolean worst = "worst".equals(instance);
        Scorer scorer = DefaultScorer.create();
        BenchIndex index = new BenchIndex();
        int categoryCount = worst ? 200 : 24;
        int regionCount = worst ? 300 : 31;
        double[] categoryWeights = zipf(categoryCount, worst ? 0 : 0.9);
        double[] regionWeights = zipf(regionCount, worst ? 0 : 1.1);
        cohort = new ArrayList<>(merchants);
        for (int i = 0; i < merchants; i++) {
            UUID id = new UUID(r.nextLong(), r.nextLong());
            String kind = worst ? KINDS[r.nextInt(3)] : KINDS[pick(r, new double[] {45, 30, 25})];
            int needs;
            if (worst) {
                needs = r.nextInt(256);
            } else {
                double u = r.nextDouble();
                needs = u < 0.55 ? 0 : needsOf(r, u < 0.78 ? 1 : u < 0.91 ? 2 : 3);
            }
            index.merchantMap.put(id, new MerchantEntry(id, "merchant-" + i, kind, "cat-" + pick(r, categoryWeights),
                    "region-" + pick(r, regionWeights), STAGES[r.nextInt(4)], needs, 1, 1));
            if (!worst && r.nextInt(50) == 0) {
                index.engagedSet.add(id);
            }
            cohort.add(id);
        }
        for (int j = 0; j < providers; j++) {
            UUID id = new UUID(r.nextLong(), r.nextLong());
            String type = TYPES[pick(r, new double[] {40, 35, 25})];
            Set<String> categories = new HashSet<>();
            int nc = 1 + r.nextInt(worst ? 10 : 4);
            while (categories.size() < nc) {
                categories.add("cat-" + pick(r, categoryWeights));
            }
            Set<String> regions = new HashSet<>();
            int nr = 1 + r.nextInt(worst ? 15 : 5);
            while (regions.size() < nr) {
                regions.add("region-" + pick(r, regionWeights));
            }
            int capabilities = worst ? 1 + r.nextInt(255) : needsOf(r, 2 + r.nextInt(5));
            int capacity = 10 + r.nextInt(61);
            boolean good = r.nextInt(100) >= 3;
            String tier = r.nextInt(100) < 5 ? "BILLION" : r.nextInt(100) < 11 ? "HUNDRED_MILLION" : "NONE";
            String badge = r.nextInt(100) < 3 ? "INCUBATOR_50" : r.nextInt(100) < 7 ? "INCUBATOR_20" : "NONE";
            BigDecimal served = BigDecimal.valueOf(r.nextInt(1_500_000_000));
            int leapt = r.nextInt(60);
            index.providerMap.put(id, new ProviderEntry(id, "provider-" + j, type, Set.copyOf(categories), Set.copyOf(regions),
                    capabilities, capacity, good, tier, badge, served, leapt, 1, scorer.trackRecord(served, leapt),
                    Scorer.tier(tier, badge)));
            index.heldMap.put(id, r.nextInt(capacity / 4 + 1));
        }
        planner = new CampaignPlanner();
        planner.index = index;
        planner.scorer = scorer;
        System.gc();
        setupHeapUsed = heapUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    @Benchmark
    public CampaignPlanner.Plan plan() {
        long started = System.nanoTime();
        last = planner.plan(cohort);
        runMillis.add((System.nanoTime() - started) / 1_000_000);
        return last;
    }

    @TearDown(Level.Trial)
    public void report() {
        TransportationSolver.Stats s = last.stats();
        long peak = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                long p = pool.getPeakUsage().getUsed();
                peak += p;
                pools.append(String.format(" %s %d MB;", pool.getName(), p >> 20));
            }
        }
        StringBuilder gcs = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.append(String.format(" %s %d collections %d ms;", gc.getName(), gc.getCollectionCount(), gc.getCollectionTime()));
        }
        System.out.printf("%n[campaign %s] merchants %d, providers %d: classes %d, arcs %d, rounds %d, priced pairs %d,"
                + " assigned %d, unassigned %d, objective %d; last run: plan %d ms, solve %d ms (first candidates %d, min-cost flow %d,"
                + " potentials %d, pricing %d); every run (ms): %s%n",
                instance, merchants, providers, last.classes(), s.arcs(), s.rounds(), s.pricedPairs(), last.assignments().size(),
                last.unassigned().size(), last.objective(), last.planMillis(), s.solveMillis(), s.initialMillis(), s.flowMillis(),
                s.potentialsMillis(), s.pricingMillis(), runMillis);
        System.out.printf("[campaign %s] heap: max %d MB, used after building the instance %d MB, peak since (sum of pool peaks) %d MB:%s%n",
                instance, Runtime.getRuntime().maxMemory() >> 20, setupHeapUsed >> 20, peak >> 20, pools);
        System.out.printf("[campaign %s] gc:%s collector args %s%n", instance, gcs,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Weights 1/(i+1)^s: s = 0 is uniform. */
    static double[] zipf(int n, double s) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 / Math.pow(i + 1, s);
        }
        return w;
    }

    static int pick(Random r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** {@code n} distinct needs drawn by their weights, as a bit mask. */
    static int needsOf(Random r, int n) {
        int mask = 0;
        while (Integer.bitCount(mask) < n) {
            mask |= 1 << pick(r, NEED_WEIGHTS);
        }
        return mask;
    }
}
