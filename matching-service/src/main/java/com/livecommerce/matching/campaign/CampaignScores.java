package com.livecommerce.matching.campaign;

import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.Score;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
}
