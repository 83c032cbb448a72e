package com.livecommerce.matching.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.Scorer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A campaign scores every pair exactly as a recommendation does. */
@QuarkusTest
class CampaignScoresTest {

    @Inject
    Scorer scorer;

    @Test
    void campaignScoresEqualTheRecommendationScore() {
        Random r = new Random(42);
        List<String> kinds = List.of("BRAND", "INDUSTRIAL_BELT", "CREATOR");
        List<String> types = List.of("MCN", "INDUSTRIAL_BELT", "BRAND");
        List<String> categories = List.of("apparel", "kidswear", "food", "toys");
        List<String> regions = List.of("Hangzhou", "Zhili, Huzhou", "Yiwu");
        List<String> tiers = List.of("NONE", "HUNDRED_MILLION", "BILLION");
        List<String> badges = List.of("NONE", "INCUBATOR_20", "INCUBATOR_50");
        List<MerchantEntry> merchants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            merchants.add(new MerchantEntry(UUID.randomUUID(), "m", kinds.get(r.nextInt(3)), categories.get(r.nextInt(4)),
                    regions.get(r.nextInt(3)), "STALLED", r.nextInt(256), 1, 1));
        }
        List<ProviderEntry> providers = new ArrayList<>();
        int[] remaining = new int[30];
        for (int j = 0; j < 30; j++) {
            int capacity = r.nextInt(10);
            remaining[j] = capacity == 0 ? 0 : r.nextInt(capacity + 1);
            BigDecimal served = BigDecimal.valueOf(r.nextInt(2_000_000_000)).movePointLeft(r.nextInt(3));
            int leapt = r.nextInt(80);
            String tier = tiers.get(r.nextInt(3));
            String badge = badges.get(r.nextInt(3));
            providers.add(new ProviderEntry(UUID.randomUUID(), "p", types.get(r.nextInt(3)),
                    new java.util.HashSet<>(List.of(categories.get(r.nextInt(4)), categories.get(r.nextInt(4)))), Set.of(regions.get(r.nextInt(3))),
                    r.nextInt(256), capacity, true, tier, badge, served, leapt, 1, scorer.trackRecord(served, leapt), Scorer.tier(tier, badge)));
        }
        CampaignScores scores = new CampaignScores(scorer.score(), merchants, providers, remaining);
        for (int c = 0; c < merchants.size(); c++) {
            for (int j = 0; j < providers.size(); j++) {
                long expected = scorer.total(scorer.components(merchants.get(c), providers.get(j), remaining[j]));
                assertEquals(expected, scores.score(c, j), "merchant " + c + ", provider " + j);
            }
        }
    }
}
