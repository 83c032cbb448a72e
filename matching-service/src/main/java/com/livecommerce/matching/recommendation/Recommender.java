package com.livecommerce.matching.recommendation;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.readmodel.ProviderType;
import com.livecommerce.matching.scoring.Score;
import com.livecommerce.matching.scoring.Lots;
import com.livecommerce.matching.scoring.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;

/**
 * Ranks providers for one merchant from the in-memory index alone (no call to another service or the database):
 * only providers admitted and in good standing, with capacity left and no open engagement with the merchant; best
 * score first; equal scores in a draw seeded by the merchant (reproducible for the merchant, different from one merchant
 * to the next: no provider comes first in every tie for its id). One pass keeping the best {@code limit} in a heap.
 */
@ApplicationScoped
public class Recommender {

    @Inject
    MatchingIndex index;

    @Inject
    Scorer scorer;

    private record Scored(ProviderEntry provider, int remaining, long score, long lot) {
    }

    public Recommendation recommend(MerchantEntry merchant, int limit) {
        Set<UUID> open = index.openProviders(merchant.id());
        // the worst of the best kept on top: lower score first, then the larger lot (then, never in practice, the larger id)
        long seed = Lots.seed(merchant.id());
        PriorityQueue<Scored> best = new PriorityQueue<>((a, b) -> a.score() != b.score() ? Long.compare(a.score(), b.score())
                : a.lot() != b.lot() ? Long.compare(b.lot(), a.lot()) : b.provider().id().compareTo(a.provider().id()));
        int eligible = 0;
        Score score = scorer.score();
        for (ProviderEntry p : index.providers()) {
            if (!p.inGoodStanding() || open.contains(p.id())) {
                continue;
            }
            int remaining = index.remainingCapacity(p);
            if (remaining <= 0) {
                continue;
            }
            eligible++;
            long total = score.total(scorer.components(merchant, p, remaining));
            Scored s = new Scored(p, remaining, total, Lots.draw(seed, p.id()));
            if (best.size() < limit) {
                best.add(s);
            } else if (best.comparator().compare(s, best.peek()) > 0) {
                best.poll();
                best.add(s);
            }
        }
        List<Scored> ranked = new ArrayList<>(best);
        ranked.sort(best.comparator().reversed());
        List<Recommendation.Item> items = new ArrayList<>(ranked.size());
        for (Scored s : ranked) {
            int[] c = scorer.components(merchant, s.provider(), s.remaining());
            items.add(new Recommendation.Item(s.provider().id(), s.provider().name(), ProviderType.valueOf(s.provider().type()), Scorer.scoreDecimal(s.score()),
                    s.remaining(), new Recommendation.Components(Scorer.decimal(c[Score.CATEGORY_FIT]), Scorer.decimal(c[Score.TYPE_FIT]),
                            Scorer.decimal(c[Score.REGION_FIT]), Scorer.decimal(c[Score.NEED_COVERAGE]),
                            Scorer.decimal(c[Score.TRACK_RECORD]), Scorer.decimal(c[Score.CAPACITY_HEADROOM]),
                            Scorer.decimal(c[Score.TIER]))));
        }
        return new Recommendation(merchant.id(), items, eligible, limit, scorer.weights());
    }
}
