package com.livecommerce.matching.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.DefaultScorer;
import com.livecommerce.matching.scoring.Scorer;
import jakarta.enterprise.inject.Vetoed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Providers with equal scores: which one a merchant sees first is a draw per merchant, never the lowest id every time. */
class RecommendationTiesTest {

    @Vetoed
    static final class Providers extends MatchingIndex {
        final List<ProviderEntry> list = new ArrayList<>();

        @Override
        public Collection<ProviderEntry> providers() {
            return list;
        }
    }

    @Test
    void tiesAreDrawnPerMerchantNotDecidedById() {
        Scorer scorer = DefaultScorer.create();
        Providers index = new Providers();
        for (int j = 0; j < 10; j++) { // ids in creation order, all alike
            index.list.add(new ProviderEntry(new UUID(1, j), "twin-" + j, "BRAND", Set.of("apparel"), Set.of("Hangzhou"), 0b100000, 10, true,
                    "NONE", "NONE", BigDecimal.ZERO, 0, 1, 0, 0));
        }
        Recommender recommender = new Recommender();
        recommender.index = index;
        recommender.scorer = scorer;
        Map<UUID, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            MerchantEntry merchant = new MerchantEntry(new UUID(2, i), "m-" + i, "BRAND", "apparel", "Hangzhou", "STALLED", 0b100000, 1, 1);
            Recommendation r = recommender.recommend(merchant, 3);
            assertEquals(3, r.items().size());
            assertEquals(r.items().get(0).score(), r.items().get(2).score(), "the ten providers score the same");
            firsts.merge(r.items().get(0).providerId(), 1, Integer::sum);
            assertEquals(r.items(), recommender.recommend(merchant, 3).items(), "the same merchant sees the same order");
        }
        assertEquals(10, firsts.size(), "every one of the ten comes first for some merchant: " + firsts);
        firsts.values().forEach(n -> assertTrue(n >= 20 && n <= 85, "about 50 firsts each: " + firsts));
    }
}
