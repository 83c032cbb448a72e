package com.livecommerce.matching.campaign;

import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.Score;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The score of every (merchant class, provider) pair of a campaign, computed from arrays: the same numbers as
 * {@link com.livecommerce.matching.scoring.Scorer} gives pair by pair (a test holds them equal), fast enough to price
 * every one of classes x providers pairs in each round of the solver. A class is the merchants whose features the
 * score reads (kind, category, region, needs) are equal, so they have equal score rows.
 */
final class CampaignScores implements TransportationSolver.Scores {

    private static final List<String> KINDS = List.of("BRAND", "INDUSTRIAL_BELT", "CREATOR");
    private static final List<String> TYPES = List.of("MCN", "INDUSTRIAL_BELT", "BRAND");

    private final int[] weights;
    private final int[] classKind;
    private final int[] classCategory;
    private final int[] classRegion;
    private final int[] classNeeds;
    private final int[] providerType;
    private final int[] providerCapabilities;
    private final boolean[][] inCategory;
    private final boolean[][] inRegion;
    private final long[] providerOwn;
    private final int[][] typeFit;

    /**
     * @param classes   one representative merchant per class
     * @param providers the providers, with {@code remaining[j]} their capacity left (for capacityHeadroom)
     */
    CampaignScores(Score score, List<MerchantEntry> classes, List<ProviderEntry> providers, int[] remaining) {
        this.weights = score.weights();
        int c = classes.size();
        int p = providers.size();
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Integer> regions = new HashMap<>();
        classKind = new int[c];
        classCategory = new int[c];
        classRegion = new int[c];
        classNeeds = new int[c];
        for (int i = 0; i < c; i++) {
            MerchantEntry m = classes.get(i);
            classKind[i] = KINDS.indexOf(m.kind()) + 1; // 0: a kind we do not know
            classCategory[i] = m.category() == null ? -1 : categories.computeIfAbsent(m.category(), k -> categories.size());
            classRegion[i] = m.region() == null ? -1 : regions.computeIfAbsent(m.region(), k -> regions.size());
            classNeeds[i] = m.needs();
        }
        providerType = new int[p];
        providerCapabilities = new int[p];
        providerOwn = new long[p];
        inCategory = new boolean[categories.size()][p];
        inRegion = new boolean[regions.size()][p];
        for (int j = 0; j < p; j++) {
            ProviderEntry pr = providers.get(j);
            providerType[j] = TYPES.indexOf(pr.type()) + 1;
            providerCapabilities[j] = pr.capabilities();
            for (String category : pr.categories()) {
                Integer id = categories.get(category);
                if (id != null) {
                    inCategory[id][j] = true;
                }
            }
            for (String region : pr.regions()) {
                Integer id = regions.get(region);
                if (id != null) {
                    inRegion[id][j] = true;
                }
            }
            providerOwn[j] = (long) weights[Score.TRACK_RECORD] * pr.trackRecord()
                    + (long) weights[Score.CAPACITY_HEADROOM] * Score.headroom(remaining[j], pr.capacity())
                    + (long) weights[Score.TIER] * pr.tierPoints();
        }
        typeFit = new int[KINDS.size() + 1][TYPES.size() + 1];
        for (int k = 0; k <= KINDS.size(); k++) {
            for (int t = 0; t <= TYPES.size(); t++) {
                typeFit[k][t] = score.typeFit(k == 0 ? null : KINDS.get(k - 1), t == 0 ? null : TYPES.get(t - 1));
            }
        }
    }

    /** The most the class can score on the fit components (its best case on category, type, region and needs). */
    @Override
    public long sourceBound(int c) {
        int bestType = 0;
        for (int fit : typeFit[classKind[c]]) {
            bestType = Math.max(bestType, fit);
        }
        return (long) weights[Score.CATEGORY_FIT] * (classCategory[c] >= 0 ? Score.ONE : 0)
                + (long) weights[Score.TYPE_FIT] * bestType
                + (long) weights[Score.REGION_FIT] * (classRegion[c] >= 0 ? Score.ONE : 0)
                + (long) weights[Score.NEED_COVERAGE] * (classNeeds[c] != 0 ? Score.ONE : 0);
    }

    /** The provider's own components (track record, capacity headroom, tier): the same for every class. */
    @Override
    public long providerBound(int j) {
        return providerOwn[j];
    }

    @Override
    public long score(int c, int j) {
        int category = classCategory[c];
        int region = classRegion[c];
        return (long) weights[Score.CATEGORY_FIT] * (category >= 0 && inCategory[category][j] ? Score.ONE : 0)
                + (long) weights[Score.TYPE_FIT] * typeFit[classKind[c]][providerType[j]]
                + (long) weights[Score.REGION_FIT] * (region >= 0 && inRegion[region][j] ? Score.ONE : 0)
                + (long) weights[Score.NEED_COVERAGE] * Score.needCoverage(classNeeds[c], providerCapabilities[j])
                + providerOwn[j];
    }

    /**
     * Exact pricing without scoring every pair: a score is {@code base(kind, needs; j) + categoryBonus + regionBonus}
     * where the base (type fit, need coverage, the provider's own components) depends on the class only through its
     * kind and needs, and the bonuses are 0 or a fixed weight. So classes are grouped by (kind, needs); per group the
     * providers are sorted once by {@code base + offset}, and, in that order, split into one list per category and per
     * region they cover. A class's best providers are among the first k of four lists: all providers (value >= base),
     * those of its category (>= base + category weight), of its region (>= base + region weight), and of both (listed
     * per category x region pair, all scored). In each sorted list, everything ahead of a provider ranks at least as
     * high on the exact value, so the true first k of a class are within the first k qualifying of their own list;
     * each list stops where even its bonus cannot reach the threshold. Groups are priced in parallel.
     */
    @Override
    public TransportationSolver.Ranking ranking() {
        for (int w : weights) {
            if (w < 0) {
                return null; // the bounds below need non-negative bonuses
            }
        }
        return new GroupRanking();
    }

    private final class GroupRanking implements TransportationSolver.Ranking {
        final int classes = classKind.length;
        final int providers = providerType.length;
        final int categories = inCategory.length;
        final int regions = inRegion.length;
        final long categoryBonus = (long) weights[Score.CATEGORY_FIT] * Score.ONE;
        final long regionBonus = (long) weights[Score.REGION_FIT] * Score.ONE;
        /** classes by group (kind, needs), CSR */
        final int[] groupStart;
        final int[] groupClasses;
        /** each provider's categories and regions (those some class has), CSR */
        final int[] providerCategoryStart;
        final int[] providerCategories;
        final int[] providerRegionStart;
        final int[] providerRegions;
        /** where each category's and region's list starts in a group's buffers (all providers in it) */
        final int[] categoryStart;
        final int[] regionStart;
        /** the providers of each (category, region) pair some class has, CSR; classPair: the class's pair or -1 */
        final int[] classPair;
        final int[] pairStart;

        GroupRanking() {
            Map<Long, Integer> groupIds = new HashMap<>();
            int[] groupOf = new int[classes];
            for (int c = 0; c < classes; c++) {
                long key = ((long) classKind[c] << 32) | (classNeeds[c] & 0xFFFFFFFFL);
                groupOf[c] = groupIds.computeIfAbsent(key, x -> groupIds.size());
            }
            int groups = groupIds.size();
            groupStart = new int[groups + 1];
            for (int c = 0; c < classes; c++) {
                groupStart[groupOf[c] + 1]++;
            }
            for (int g = 0; g < groups; g++) {
                groupStart[g + 1] += groupStart[g];
            }
            groupClasses = new int[classes];
            int[] fill = Arrays.copyOf(groupStart, groups);
            for (int c = 0; c < classes; c++) {
                groupClasses[fill[groupOf[c]]++] = c;
            }
            providerCategoryStart = new int[providers + 1];
            providerRegionStart = new int[providers + 1];
            categoryStart = new int[categories + 1];
            regionStart = new int[regions + 1];
            for (int j = 0; j < providers; j++) {
                int n = 0;
                for (int k = 0; k < categories; k++) {
                    if (inCategory[k][j]) {
                        n++;
                        categoryStart[k + 1]++;
                    }
                }
                providerCategoryStart[j + 1] = providerCategoryStart[j] + n;
                n = 0;
                for (int k = 0; k < regions; k++) {
                    if (inRegion[k][j]) {
                        n++;
                        regionStart[k + 1]++;
                    }
                }
                providerRegionStart[j + 1] = providerRegionStart[j] + n;
            }
            for (int k = 0; k < categories; k++) {
                categoryStart[k + 1] += categoryStart[k];
            }
            for (int k = 0; k < regions; k++) {
                regionStart[k + 1] += regionStart[k];
            }
            providerCategories = new int[providerCategoryStart[providers]];
            providerRegions = new int[providerRegionStart[providers]];
            for (int j = 0; j < providers; j++) {
                int at = providerCategoryStart[j];
                for (int k = 0; k < categories; k++) {
                    if (inCategory[k][j]) {
                        providerCategories[at++] = k;
                    }
                }
                at = providerRegionStart[j];
                for (int k = 0; k < regions; k++) {
                    if (inRegion[k][j]) {
                        providerRegions[at++] = k;
                    }
                }
            }
            Map<Long, Integer> pairIds = new HashMap<>();
            classPair = new int[classes];
            for (int c = 0; c < classes; c++) {
                classPair[c] = classCategory[c] >= 0 && classRegion[c] >= 0
                        ? pairIds.computeIfAbsent((long) classCategory[c] * regions + classRegion[c], x -> pairIds.size())
                        : -1;
            }
            pairStart = new int[pairIds.size() + 1];
            for (int pass = 0; pass < 2; pass++) {
                int[] pairFill = pass == 0 ? null : Arrays.copyOf(pairStart, pairIds.size());
                for (int j = 0; j < providers; j++) {
                    for (int a = providerCategoryStart[j]; a < providerCategoryStart[j + 1]; a++) {
                        for (int b = providerRegionStart[j]; b < providerRegionStart[j + 1]; b++) {
                            Integer pair = pairIds.get((long) providerCategories[a] * regions + providerRegions[b]);
                            if (pair != null) {
                                if (pass == 0) {
                                    pairStart[pair + 1]++;
                                } else {
                                    pairProviders[pairFill[pair]++] = j;
                                }
                            }
                        }
                    }
                }
                if (pass == 0) {
                    for (int q = 0; q < pairIds.size(); q++) {
                        pairStart[q + 1] += pairStart[q];
                    }
                    pairProviders = new int[pairStart[pairIds.size()]];
                }
            }
        }

        int[] pairProviders;

        @Override
        public long best(long[] offset, boolean[] eligible, int k, long[] threshold, BitSet[] skip, int[] provider, long[] score,
                int[] count) {
            int groups = groupStart.length - 1;
            ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(k));
            long[] scored = new long[groups];
            IntStream.range(0, groups).parallel().forEach(g -> scored[g] = workers.get().group(g, offset, eligible, k, threshold,
                    skip, provider, score, count));
            long total = 0;
            for (long n : scored) {
                total += n;
            }
            return total;
        }

        /** One thread's buffers. */
        private final class Worker {
            final long[] base = new long[providers];
            final long[] keys = new long[providers];
            final int[] order = new int[providers];
            final int[] categoryList = new int[categoryStart[categories]];
            final int[] categoryEnd = new int[categories];
            final int[] regionList = new int[regionStart[regions]];
            final int[] regionEnd = new int[regions];
            final int[] seen = new int[providers];
            final boolean[] qualified = new boolean[providers];
            int stamp;
            // candidates of one class
            int[] candidate;
            long[] candidateValue;
            long[] candidateScore;
            int candidates;
            long scored;
            /** The class's k best: key = -value (value > limit >= Long.MIN_VALUE, so the negation cannot overflow). */
            final TopK top;

            Worker(int k) {
                candidate = new int[64];
                candidateValue = new long[64];
                candidateScore = new long[64];
                top = new TopK(k);
            }

            long group(int g, long[] offset, boolean[] eligible, int k, long[] threshold, BitSet[] skip, int[] provider,
                    long[] score, int[] count) {
                scored = 0;
                boolean any = false;
                for (int at = groupStart[g]; at < groupStart[g + 1]; at++) {
                    int c = groupClasses[at];
                    count[c] = 0;
                    any |= threshold[c] != Long.MAX_VALUE;
                }
                if (!any) {
                    return 0; // no class of the group to price: skip sorting its providers
                }
                int first = groupClasses[groupStart[g]];
                int kind = classKind[first];
                int needs = classNeeds[first];
                int n = 0;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int j = 0; j < providers; j++) {
                    if (eligible[j]) {
                        long b = (long) weights[Score.TYPE_FIT] * typeFit[kind][providerType[j]]
                                + (long) weights[Score.NEED_COVERAGE] * Score.needCoverage(needs, providerCapabilities[j])
                                + providerOwn[j] + offset[j];
                        base[j] = b;
                        order[n++] = j;
                        min = Math.min(min, b);
                        max = Math.max(max, b);
                    }
                }
                // by base descending, then the lower index
                if (n > 0 && max - min < (1L << 41) && providers < (1 << 21)) {
                    for (int i = 0; i < n; i++) {
                        int j = order[i];
                        keys[i] = ((max - base[j]) << 21) | j;
                    }
                    Arrays.sort(keys, 0, n);
                    for (int i = 0; i < n; i++) {
                        order[i] = (int) (keys[i] & 0x1FFFFF);
                    }
                } else if (n > 0) {
                    Integer[] boxed = new Integer[n];
                    for (int i = 0; i < n; i++) {
                        boxed[i] = order[i];
                    }
                    Arrays.sort(boxed, (a, b) -> base[a] != base[b] ? Long.compare(base[b], base[a]) : Integer.compare(a, b));
                    for (int i = 0; i < n; i++) {
                        order[i] = boxed[i];
                    }
                }
                System.arraycopy(categoryStart, 0, categoryEnd, 0, categories);
                System.arraycopy(regionStart, 0, regionEnd, 0, regions);
                for (int i = 0; i < n; i++) {
                    int j = order[i];
                    for (int a = providerCategoryStart[j]; a < providerCategoryStart[j + 1]; a++) {
                        categoryList[categoryEnd[providerCategories[a]]++] = j;
                    }
                    for (int a = providerRegionStart[j]; a < providerRegionStart[j + 1]; a++) {
                        regionList[regionEnd[providerRegions[a]]++] = j;
                    }
                }
                for (int at = groupStart[g]; at < groupStart[g + 1]; at++) {
                    int c = groupClasses[at];
                    long limit = threshold[c];
                    if (limit == Long.MAX_VALUE) {
                        count[c] = 0;
                        continue;
                    }
                    BitSet exclude = skip == null ? null : skip[c];
                    if (++stamp == 0) {
                        Arrays.fill(seen, 0);
                        stamp = 1;
                    }
                    candidates = 0;
                    scan(c, order, 0, n, 0, limit, k, exclude, offset);
                    if (classCategory[c] >= 0) {
                        int cat = classCategory[c];
                        scan(c, categoryList, categoryStart[cat], categoryEnd[cat], categoryBonus, limit, k, exclude, offset);
                    }
                    if (classRegion[c] >= 0) {
                        int reg = classRegion[c];
                        scan(c, regionList, regionStart[reg], regionEnd[reg], regionBonus, limit, k, exclude, offset);
                    }
                    if (classPair[c] >= 0) {
                        int pair = classPair[c];
                        for (int a = pairStart[pair]; a < pairStart[pair + 1]; a++) {
                            int j = pairProviders[a];
                            if (eligible[j] && seen[j] != stamp && (exclude == null || !exclude.get(j))) {
                                consider(c, j, limit, offset);
                            }
                        }
                    }
                    // the first k by value descending, then the lower index
                    top.clear();
                    for (int i = 0; i < candidates; i++) {
                        top.offer(-candidateValue[i], candidate[i], candidateScore[i]);
                    }
                    for (int i = 0; i < top.size; i++) {
                        provider[c * k + i] = top.provider[i];
                        score[c * k + i] = top.score[i];
                    }
                    count[c] = top.size;
                }
                return scored;
            }

            /** The first k qualifying providers of a list sorted by base, each at least base + bonus. */
            private void scan(int c, int[] list, int from, int to, long bonus, long limit, int k, BitSet exclude, long[] offset) {
                int counted = 0;
                for (int i = from; i < to && counted < k; i++) {
                    int j = list[i];
                    if (base[j] + bonus <= limit) {
                        return; // nothing further in this list can pass the threshold on its own bonus
                    }
                    if (seen[j] == stamp) {
                        if (qualified[j]) {
                            counted++;
                        }
                        continue;
                    }
                    if (exclude != null && exclude.get(j)) {
                        continue;
                    }
                    if (consider(c, j, limit, offset)) {
                        counted++;
                    }
                }
            }

            private boolean consider(int c, int j, long limit, long[] offset) {
                seen[j] = stamp;
                long s = score(c, j);
                scored++;
                long v = s + offset[j];
                boolean ok = s > 0 && v > limit;
                qualified[j] = ok;
                if (ok) {
                    if (candidates == candidate.length) {
                        candidate = Arrays.copyOf(candidate, candidates * 2);
                        candidateValue = Arrays.copyOf(candidateValue, candidates * 2);
                        candidateScore = Arrays.copyOf(candidateScore, candidates * 2);
                    }
                    candidate[candidates] = j;
                    candidateValue[candidates] = v;
                    candidateScore[candidates] = s;
                    candidates++;
                }
                return ok;
            }
        }
    }
}
