package com.livecommerce.matching.campaign;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.readmodel.Need;
import com.livecommerce.matching.scoring.Lots;
import com.livecommerce.matching.scoring.Scorer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Plans a campaign from the in-memory index: each merchant of the cohort gets at most one provider, no provider gets
 * more than it has left, and the total score is the maximum ({@link TransportationSolver}, exact).
 * <ul>
 * <li>Merchants matching does not know (no MerchantRegistered) are left out: {@code UNKNOWN_MERCHANT}; merchants with
 * an open engagement already: {@code ALREADY_ENGAGED}.</li>
 * <li>Providers: admitted and in good standing; each takes at most its capacity minus what accepted and active
 * engagements hold minus its open proposals (a campaign never proposes more than the provider could accept).</li>
 * <li>Merchants whose score-relevant features (kind, category, region, needs) are equal form one class with a supply;
 * the solver assigns classes. The merchants of a class score the same with every provider, so when a class gets
 * fewer places than it has merchants, who gets them is drawn by lot: a per-campaign draw seeded by the campaign id
 * (reproducible for that campaign, different for the next), never the order of ids; the providers are handed to the
 * solver in the same draw, so among assignments of equal total score none is preferred for its provider's id.</li>
 * <li>A merchant left without a provider: {@code NO_ELIGIBLE_PROVIDER} when no provider with capacity left scores
 * above 0 for it, else {@code CAPACITY_EXHAUSTED} (the providers that fit it are filled by merchants whose assignment
 * adds more to the total).</li>
 * </ul>
 */
@ApplicationScoped
public class CampaignPlanner {

    public static final String UNKNOWN_MERCHANT = "UNKNOWN_MERCHANT";
    public static final String ALREADY_ENGAGED = "ALREADY_ENGAGED";
    public static final String NO_ELIGIBLE_PROVIDER = "NO_ELIGIBLE_PROVIDER";
    public static final String CAPACITY_EXHAUSTED = "CAPACITY_EXHAUSTED";

    @Inject
    MatchingIndex index;

    @Inject
    Scorer scorer;

    public record Assignment(UUID merchantId, UUID providerId, long score, Set<Need> needs) {
    }

    public record Unassigned(UUID merchantId, String reason) {
    }

    public record Plan(List<Assignment> assignments, List<Unassigned> unassigned, long objective, int classes,
            TransportationSolver.Stats stats, long planMillis) {
    }

    private record ClassKey(String kind, String category, String region, int needs) {
    }

    /** A plan whose draws within a class are seeded by {@code campaignId}. */
    public Plan plan(UUID campaignId, Collection<UUID> cohort) {
        return plan(cohort, Lots.seed(campaignId));
    }

    public Plan plan(Collection<UUID> cohort) {
        return plan(cohort, 0L);
    }

    Plan plan(Collection<UUID> cohort, long seed) {
        long started = System.nanoTime();
        List<Unassigned> unassigned = new ArrayList<>();
        Map<ClassKey, Integer> classIds = new HashMap<>();
        List<MerchantEntry> representatives = new ArrayList<>();
        List<List<UUID>> members = new ArrayList<>();
        for (UUID id : new TreeSet<>(cohort)) {
            MerchantEntry m = index.merchant(id).orElse(null);
            if (m == null || !m.registered()) {
                unassigned.add(new Unassigned(id, UNKNOWN_MERCHANT));
                continue;
            }
            if (index.engaged(id)) {
                unassigned.add(new Unassigned(id, ALREADY_ENGAGED));
                continue;
            }
            int c = classIds.computeIfAbsent(new ClassKey(m.kind(), m.category(), m.region(), m.needs()), k -> {
                representatives.add(m);
                members.add(new ArrayList<>());
                return representatives.size() - 1;
            });
            members.get(c).add(id);
        }
        List<ProviderEntry> providers = index.providers().stream().filter(ProviderEntry::inGoodStanding)
                // in the campaign's draw, not by id: among assignments of equal total score, the solver's choice
                // follows the order it is given the providers in
                .sorted(Comparator.comparingLong((ProviderEntry p) -> Lots.draw(seed, p.id())).thenComparing(ProviderEntry::id)).toList();
        int[] remaining = new int[providers.size()];
        int[] capacity = new int[providers.size()];
        for (int j = 0; j < providers.size(); j++) {
            ProviderEntry p = providers.get(j);
            remaining[j] = index.remainingCapacity(p);
            capacity[j] = Math.max(0, remaining[j] - index.proposed(p.id()));
        }
        for (List<UUID> of : members) {
            of.sort(Comparator.comparingLong((UUID m) -> Lots.draw(seed, m)).thenComparing(Comparator.naturalOrder()));
        }
        int[] supply = members.stream().mapToInt(List::size).toArray();
        CampaignScores scores = new CampaignScores(scorer.score(), representatives, providers, remaining);
        TransportationSolver.Solution solution = new TransportationSolver().solve(supply, capacity, scores);

        List<Assignment> assignments = new ArrayList<>();
        int[] handedOut = new int[supply.length];
        List<TransportationSolver.Flow> flows = new ArrayList<>(solution.flows());
        flows.sort(Comparator.comparingInt(TransportationSolver.Flow::source).thenComparingInt(TransportationSolver.Flow::provider));
        for (TransportationSolver.Flow f : flows) {
            List<UUID> of = members.get(f.source());
            ProviderEntry p = providers.get(f.provider());
            Set<Need> needs = needs(representatives.get(f.source()).needs(), p.capabilities());
            for (int k = 0; k < f.amount(); k++) {
                assignments.add(new Assignment(of.get(handedOut[f.source()]++), p.id(), f.score(), needs));
            }
        }
        for (int c = 0; c < supply.length; c++) {
            List<UUID> of = members.get(c);
            for (int k = handedOut[c]; k < of.size(); k++) {
                unassigned.add(new Unassigned(of.get(k), solution.hasCandidate()[c] ? CAPACITY_EXHAUSTED : NO_ELIGIBLE_PROVIDER));
            }
        }
        return new Plan(assignments, unassigned, solution.objective(), supply.length, solution.stats(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The scope a campaign proposes: the merchant's requested needs the provider covers; else what the merchant asked
     * for; else (no request) what the provider offers; else live operations.
     */
    static Set<Need> needs(int merchantNeeds, int capabilities) {
        int covered = merchantNeeds & capabilities;
        int mask = covered != 0 ? covered : merchantNeeds != 0 ? merchantNeeds : capabilities;
        return mask != 0 ? Need.of(mask) : Set.of(Need.LIVE_OPERATIONS);
    }
}
