package com.livecommerce.matching.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.DefaultScorer;
import com.livecommerce.matching.scoring.Lots;
import com.livecommerce.matching.scoring.Score;
import com.livecommerce.matching.scoring.Scorer;
import jakarta.enterprise.inject.Vetoed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The table-driven ranking against the definition, written out the slow way: every provider's components through
 * {@link Scorer#components}, {@link Score#total}, filtered, sorted by score and the merchant's draw. Random indexes with
 * more than 64 categories and regions (several bit words), providers without capacity, out of good standing,
 * merchants of an unknown kind or without category, region or needs, open engagements, many ties (few distinct attribute values).
 */
class RecommenderPropertyTest {

    @Vetoed
    static final class Index extends MatchingIndex {
        final List<ProviderEntry> list = new ArrayList<>();
        final Map<UUID, Integer> held = new HashMap<>();
        final Map<UUID, Set<UUID>> open = new HashMap<>();
        long version;

        @Override
        public Collection<ProviderEntry> providers() {
            return list;
        }

        @Override
        public int remainingCapacity(ProviderEntry p) {
            return Math.max(0, p.capacity() - held.getOrDefault(p.id(), 0));
        }

        @Override
        public Set<UUID> openProviders(UUID merchant) {
            return open.getOrDefault(merchant, Set.of());
        }

        @Override
        public long providerVersion() {
            return version;
        }
    }

    private static final String[] TYPES = {"MCN", "INDUSTRIAL_BELT", "BRAND"};
    private static final String[] KINDS = {"BRAND", "INDUSTRIAL_BELT", "CREATOR", "OTHER"};

    record Expected(UUID id, long score, int remaining) {
    }

    @Test
    void theTableRanksAsTheDefinition() {
        Scorer scorer = DefaultScorer.create();
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            Index index = new Index();
            int categories = 1 + random.nextInt(seed % 2 == 0 ? 150 : 6);
            int regions = 1 + random.nextInt(seed % 3 == 0 ? 100 : 5);
            int providers = random.nextInt(seed % 5 == 0 ? 3 : 400);
            for (int j = 0; j < providers; j++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                int capacity = random.nextInt(6);
                String type = TYPES[random.nextInt(TYPES.length)];
                index.list.add(new ProviderEntry(id, "p" + j, type, draw(random, "cat-", categories),
                        draw(random, "region-", regions), random.nextInt(256), capacity, random.nextInt(10) > 0, "NONE", "NONE",
                        BigDecimal.ZERO, 0, 1, random.nextInt(3) * 2500, random.nextInt(3) * 2500));
                if (random.nextBoolean()) {
                    index.held.put(id, random.nextInt(capacity + 1));
                }
            }
            Recommender recommender = new Recommender();
            recommender.index = index;
            recommender.scorer = scorer;
            for (int m = 0; m < 20; m++) {
                UUID merchantId = new UUID(random.nextLong(), random.nextLong());
                MerchantEntry merchant = new MerchantEntry(merchantId, "m", KINDS[random.nextInt(KINDS.length)],
                        random.nextInt(5) == 0 ? null : "cat-" + random.nextInt(categories + 2),
                        random.nextInt(5) == 0 ? null : "region-" + random.nextInt(regions + 2), "STALLED",
                        random.nextInt(3) == 0 ? 0 : random.nextInt(256), 1, 1);
                if (providers > 0 && random.nextBoolean()) {
                    Set<UUID> open = new HashSet<>();
                    for (int k = random.nextInt(5); k > 0; k--) {
                        open.add(index.list.get(random.nextInt(providers)).id());
                    }
                    index.open.put(merchantId, open);
                }
                int limit = 1 + random.nextInt(random.nextBoolean() ? 10 : 100);
                List<Expected> expected = new ArrayList<>();
                int eligible = definition(scorer, index, merchant, limit, expected);
                Recommendation answer = recommender.recommend(merchant, limit);
                assertEquals(eligible, answer.total(), "eligible, seed " + seed);
                assertEquals(expected, answer.items().stream()
                        .map(i -> new Expected(i.providerId(), i.score().movePointRight(6).longValueExact(), i.remainingCapacity()))
                        .collect(Collectors.toList()), "ranking, seed " + seed + ", merchant " + m);
                answer.items().forEach(i -> assertEquals(i.score(), recomputed(i, answer.weights()), "score = weighted components"));
            }
        }
    }

    @Test
    void theTableIsBuiltAgainOnlyWhenTheIndexChanged() {
        Index index = new Index();
        Recommender recommender = new Recommender();
        recommender.index = index;
        recommender.scorer = DefaultScorer.create();
        index.list.add(new ProviderEntry(new UUID(1, 1), "p", "BRAND", Set.of("a"), Set.of("b"), 1, 3, true, "NONE", "NONE",
                BigDecimal.ZERO, 0, 1, 0, 0));
        ProviderTable first = recommender.table();
        assertSame(first, recommender.table(), "nothing changed");
        index.held.put(new UUID(1, 1), 3);
        index.version++;
        ProviderTable second = recommender.table();
        assertNotSame(first, second, "a change of capacity is seen");
        assertEquals(0, second.size, "the provider has no capacity left");
    }

    private static Set<String> draw(Random random, String prefix, int n) {
        Set<String> values = new HashSet<>();
        for (int k = random.nextInt(4); k >= 0; k--) {
            values.add(prefix + random.nextInt(n));
        }
        return values;
    }

    /** The definition: every provider scored by its components, filtered, sorted; returns how many were eligible. */
    private static int definition(Scorer scorer, Index index, MerchantEntry merchant, int limit, List<Expected> into) {
        long seed = Lots.seed(merchant.id());
        Set<UUID> open = index.openProviders(merchant.id());
        List<Expected> all = new ArrayList<>();
        for (ProviderEntry p : index.list) {
            int remaining = index.remainingCapacity(p);
            if (p.inGoodStanding() && remaining > 0 && !open.contains(p.id())) {
                all.add(new Expected(p.id(), scorer.total(scorer.components(merchant, p, remaining)), remaining));
            }
        }
        all.sort(Comparator.comparingLong(Expected::score).reversed()
                .thenComparingLong(e -> Lots.draw(seed, e.id()))
                .thenComparing(Expected::id));
        into.addAll(all.subList(0, Math.min(limit, all.size())));
        return all.size();
    }

    private static BigDecimal recomputed(Recommendation.Item item, Map<String, BigDecimal> weights) {
        Recommendation.Components c = item.components();
        return weights.get("categoryFit").multiply(c.categoryFit()).add(weights.get("typeFit").multiply(c.typeFit()))
                .add(weights.get("regionFit").multiply(c.regionFit())).add(weights.get("needCoverage").multiply(c.needCoverage()))
                .add(weights.get("trackRecord").multiply(c.trackRecord()))
                .add(weights.get("capacityHeadroom").multiply(c.capacityHeadroom())).add(weights.get("tier").multiply(c.tier()))
                .setScale(6);
    }
}
