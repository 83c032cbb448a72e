package com.livecommerce.provider.leaderboard;

import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.admission.AdmissionService;
import com.livecommerce.provider.admission.AuditTrail;
import com.livecommerce.provider.admission.Decision;
import com.livecommerce.provider.provider.ProviderType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Computes a period's leaderboards ({@link LeaderboardCalculator}), stores them ({@link LeaderboardStore})
 * and keeps probations and suspension proposals consistent with them, in one transaction under a
 * per-period advisory lock (computations of one period never interleave, on any replica):
 * <ul>
 * <li>a provider newly at the bottom of a cohort goes on probation (audit PROBATION, once); one that a
 * recompute lifts off it leaves probation (audit PROBATION_WITHDRAWN);</li>
 * <li>a suspension proposal of period p holds while the provider is on probation in p and in the
 * period before: a new one is proposed through {@link AdmissionService#proposeSuspension}, one that no
 * longer holds is withdrawn through {@link AdmissionService#withdrawSuspensionProposal}. Recomputing p
 * re-evaluates the proposals of p and of the period after it (whose proposals rest on p).</li>
 * </ul>
 * Recomputing with the same data changes nothing: no audit entry, no event.
 */
@ApplicationScoped
public class LeaderboardService {

    public record Summary(String period, int cohorts, int entries, int onProbation, List<UUID> newProbations,
            List<UUID> probationsWithdrawn, List<UUID> suspensionProposals, List<UUID> suspensionProposalsWithdrawn) {
    }

    @Inject
    LeaderboardStore store;

    @Inject
    LeaderboardConfig config;

    @Inject
    AdmissionService admission;

    @Inject
    AuditTrail audit;

    @Inject
    UtcClock clock;

    public LeaderboardCalculator.Weights weights() {
        return new LeaderboardCalculator.Weights(config.weightGmvGrowth(), config.weightLeaps(), config.weightRetention(),
                config.weightRating());
    }

    public LeaderboardCalculator.Growth growth() {
        return new LeaderboardCalculator.Growth(config.growthSmoothing(), config.growthCap());
    }

    /** Computes (or recomputes) the period's leaderboards; {@code actor} goes to the audit trail. */
    public Uni<Summary> compute(Period period, String actor) {
        return Panache.withTransaction(() -> store.lock(period)
                .chain(() -> store.results(period))
                .chain(input -> {
                    List<LeaderboardCalculator.Entry> entries = LeaderboardCalculator.compute(input, weights(), growth(),
                            config.probationShare());
                    return store.replaceEntries(period, entries, clock.now())
                            .chain(() -> store.probations(previous(period).orElse(period), period, next(period).orElse(period)))
                            .chain(probations -> reconcile(period, entries, probations, actor));
                }));
    }

    private Uni<Summary> reconcile(Period period, List<LeaderboardCalculator.Entry> entries,
            Map<String, Map<UUID, LeaderboardStore.Probation>> probations, String actor) {
        Optional<Period> previous = previous(period);
        Optional<Period> next = next(period);
        Map<UUID, List<String>> bottom = new LinkedHashMap<>();
        Set<String> cohorts = new LinkedHashSet<>();
        Map<String, Integer> cohortSizes = new LinkedHashMap<>();
        for (LeaderboardCalculator.Entry e : entries) {
            cohortSizes.merge(e.type() + "/" + e.category(), 1, Integer::sum);
        }
        for (LeaderboardCalculator.Entry e : entries) {
            String cohort = e.type() + "/" + e.category();
            cohorts.add(cohort);
            if (e.probation()) {
                bottom.computeIfAbsent(e.providerId(), id -> new ArrayList<>()).add("bottom of the " + cohort + " leaderboard of "
                        + period.label() + ": rank " + e.rank() + " of " + cohortSizes.get(cohort) + ", score " + e.score().toPlainString());
            }
        }
        Map<UUID, LeaderboardStore.Probation> before = probations.get(period.label());
        Set<UUID> inPrevious = previous.isPresent() ? probations.get(previous.get().label()).keySet() : Set.of();
        Map<UUID, LeaderboardStore.Probation> inNext = next.isPresent() ? probations.get(next.get().label()) : Map.of();

        List<UUID> added = bottom.keySet().stream().filter(id -> !before.containsKey(id)).toList();
        List<UUID> dropped = before.keySet().stream().filter(id -> !bottom.containsKey(id)).toList();
        List<UUID> proposed = new ArrayList<>();
        List<UUID> withdrawn = new ArrayList<>();

        List<AuditTrail.Entry> trail = new ArrayList<>();
        for (UUID id : added) {
            trail.add(new AuditTrail.Entry(id, Decision.Action.PROBATION, bottom.get(id), actor));
        }
        for (UUID id : dropped) {
            trail.add(new AuditTrail.Entry(id, Decision.Action.PROBATION_WITHDRAWN, List.of(period.label()
                    + " recomputed: no longer at the bottom of a cohort's leaderboard; probation withdrawn"), actor));
        }
        Uni<Void> work = store.removeProbations(period, dropped)
                .chain(() -> store.addProbations(period, added))
                .chain(() -> audit.recordAll(trail)).replaceWithVoid();

        // proposals of this period: on probation here and in the period before
        for (UUID id : dropped) {
            if (before.get(id).proposed()) {
                withdrawn.add(id);
                work = work.chain(() -> withdraw(id, previous.orElseThrow(), period, period, actor));
            }
        }
        for (UUID id : bottom.keySet()) {
            boolean holds = inPrevious.contains(id);
            boolean was = before.containsKey(id) && before.get(id).proposed();
            if (holds && !was) {
                proposed.add(id);
                work = work.chain(() -> store.markProposed(period, id, true)).chain(() -> propose(id, previous.get(), period, actor));
            } else if (!holds && was) {
                withdrawn.add(id);
                work = work.chain(() -> store.markProposed(period, id, false))
                        .chain(() -> withdraw(id, previous.orElseThrow(), period, period, actor));
            }
        }
        // proposals of the period after, which rest on this one
        for (LeaderboardStore.Probation later : inNext.values()) {
            UUID id = later.providerId();
            boolean holds = bottom.containsKey(id);
            if (holds && !later.proposed()) {
                proposed.add(id);
                work = work.chain(() -> store.markProposed(next.get(), id, true)).chain(() -> propose(id, period, next.get(), actor));
            } else if (!holds && later.proposed()) {
                withdrawn.add(id);
                work = work.chain(() -> store.markProposed(next.get(), id, false))
                        .chain(() -> withdraw(id, period, next.get(), period, actor));
            }
        }
        return work.map(ignored -> new Summary(period.label(), cohorts.size(), entries.size(), bottom.size(), added, dropped,
                proposed, withdrawn));
    }

    private Uni<Void> propose(UUID provider, Period first, Period second, String actor) {
        return admission.proposeSuspension(provider, second, "on probation in " + first.label() + " and " + second.label()
                + ": suspension proposed to platform-admin", actor);
    }

    /** Withdraws the proposal of {@code second}; the flag stays while another proposal of the provider holds. */
    private Uni<Void> withdraw(UUID provider, Period first, Period second, Period recomputed, String actor) {
        return store.anyProposalHolds(provider).chain(another -> admission.withdrawSuspensionProposal(provider, second,
                recomputed.label() + " recomputed: not on probation in both " + first.label() + " and " + second.label()
                        + " any more; the suspension proposal of " + second.label() + " is withdrawn", actor, another));
    }

    /** The period of the same kind just before {@code period}; empty before the first year periods may have. */
    static Optional<Period> previous(Period period) {
        return period.start().getYear() <= 2000 && period.start().getMonthValue() == 1 ? Optional.empty() : Optional.of(period.previous());
    }

    /** The period of the same kind just after {@code period}; empty after the last year periods may have. */
    static Optional<Period> next(Period period) {
        return period.endExclusive().getYear() > 2100 ? Optional.empty() : Optional.of(period.next());
    }

    public Uni<Page<LeaderboardStore.EntryView>> list(Period period, ProviderType type, String category, PageRequest paging) {
        if (period != null) {
            return store.list(period, type, category, paging);
        }
        return store.latestPeriod().chain(latest -> latest.isPresent() ? store.list(latest.get(), type, category, paging)
                : Uni.createFrom().item(paging.page(List.<LeaderboardStore.EntryView>of(), 0)));
    }
}
