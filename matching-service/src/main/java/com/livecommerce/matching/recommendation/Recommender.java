package com.livecommerce.matching.recommendation;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.readmodel.ProviderType;
import com.livecommerce.matching.scoring.Score;
import com.livecommerce.matching.scoring.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks providers for one merchant from the in-memory index alone (no call to another service or the database):
 * only providers admitted and in good standing, with capacity left and no open engagement with the merchant; best
 * score first; equal scores in a draw seeded by the merchant (reproducible for the merchant, different from one merchant
 * to the next: no provider comes first in every tie for its id). One pass over a {@link ProviderTable} of the eligible
 * providers, rebuilt only when a provider or an engagement changed (by whichever request or refresh first sees the
 * change), keeping the best {@code limit} in a heap of primitives.
 */
@ApplicationScoped
public class Recommender {

    @Inject
    MatchingIndex index;

    @Inject
    Scorer scorer;

    private volatile ProviderTable table;

    /** The table of the index as it stands now (built again when the index changed since the last one). */
    ProviderTable table() {
        long version = index.providerVersion();
        ProviderTable t = table;
        if (t != null && t.version == version) {
            return t;
        }
        synchronized (this) {
            t = table;
            version = index.providerVersion(); // read before the index: a change during the build makes the next call build again
            if (t == null || t.version != version) {
                t = ProviderTable.of(version, index.providers(), index::remainingCapacity, scorer.score());
                table = t;
            }
            return t;
        }
    }

    public Recommendation recommend(MerchantEntry merchant, int limit) {
        ProviderTable t = table();
        ProviderTable.Ranking best = t.rank(merchant, index.openProviders(merchant.id()), limit);
        List<Recommendation.Item> items = new ArrayList<>(best.count);
        for (int k = 0; k < best.count; k++) {
            int i = best.index[k];
            ProviderEntry p = t.entries[i];
            int remaining = t.remaining[i];
            int[] c = scorer.components(merchant, p, remaining);
            items.add(new Recommendation.Item(p.id(), p.name(), ProviderType.valueOf(p.type()), Scorer.scoreDecimal(best.scores[k]),
                    remaining, new Recommendation.Components(Scorer.decimal(c[Score.CATEGORY_FIT]), Scorer.decimal(c[Score.TYPE_FIT]),
                            Scorer.decimal(c[Score.REGION_FIT]), Scorer.decimal(c[Score.NEED_COVERAGE]),
                            Scorer.decimal(c[Score.TRACK_RECORD]), Scorer.decimal(c[Score.CAPACITY_HEADROOM]),
                            Scorer.decimal(c[Score.TIER]))));
        }
        return new Recommendation(merchant.id(), items, best.eligible, limit, scorer.weights());
    }
}
