package com.livecommerce.matching.engagement;

import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.EnumSet;
import java.util.UUID;

/**
 * The one writer of engagements: every change takes the engagement's row lock, checks the transition, and writes
 * the new state with its {@code engagement-events} event in one transaction (outbox). Illegal transitions answer
 * 409. Capacity is held from acceptance to completion (or termination): an accept locks the provider's read-model
 * row and counts what its accepted and active engagements hold, so concurrent accepts of one provider are
 * serialised and never overbook it.
 */
@ApplicationScoped
public class EngagementService {

    private static final String MERCHANT = "select profile_version from merchant_view where id = :id";
    private static final String PROVIDER = "select admission, suspended, capacity from provider_view where id = :id";
    private static final String LOCK_PROVIDER = PROVIDER + " for update";
    private static final String HELD = "select count(*) from engagement where provider_id = :id and status in ('ACCEPTED', 'ACTIVE')";
    private static final String OPEN_PAIR = "select count(*) from engagement where merchant_id = :m and provider_id = :p"
            + " and status in ('PROPOSED', 'ACCEPTED', 'ACTIVE')";

    @Inject
    EngagementRepository engagements;

    @Inject
    Outbox outbox;

    @Inject
    UtcClock clock;

    @Inject
    EngagementConfig config;

    @Inject
    OutcomeCalculator outcomes;

    @WithTransaction
    public Uni<EngagementView> propose(NewEngagement request, Caller caller) {
        int term = request.term() == null ? config.minTermMonths() : request.term();
        if (term < config.minTermMonths()) {
            return Uni.createFrom().failure(ProblemException.invalidField("term", "must be at least " + config.minTermMonths() + " months"));
        }
        if (term > config.maxTermMonths()) {
            return Uni.createFrom().failure(ProblemException.invalidField("term", "must be at most " + config.maxTermMonths() + " months"));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(MERCHANT, Long.class)
                .setParameter("id", request.merchantId()).getResultList()
                .chain(merchant -> {
                    if (merchant.isEmpty() || merchant.get(0) < 0) {
                        throw ProblemException.invalidField("merchantId", "unknown merchant (no MerchantRegistered received for it)");
                    }
                    return session.createNativeQuery(PROVIDER, Object[].class).setParameter("id", request.providerId()).getResultList();
                })
                .chain(provider -> {
                    if (provider.isEmpty()) {
                        throw ProblemException.invalidField("providerId", "unknown provider (no provider event received for it)");
                    }
                    if (!inGoodStanding(provider.get(0))) {
                        throw ProblemException.invalidField("providerId", "the provider is not admitted or is suspended");
                    }
                    return session.createNativeQuery(OPEN_PAIR, Long.class).setParameter("m", request.merchantId())
                            .setParameter("p", request.providerId()).getSingleResult();
                })
                .chain(open -> {
                    if (open > 0) {
                        throw new ProblemException(ProblemType.CONFLICT,
                                "the merchant and the provider already have an open engagement");
                    }
                    Engagement e = new Engagement();
                    e.id = UUID.randomUUID();
                    e.merchantId = request.merchantId();
                    e.providerId = request.providerId();
                    e.status = EngagementStatus.PROPOSED;
                    e.needs = EnumSet.copyOf(request.needs());
                    e.termMonths = term;
                    e.kpiGmvTarget = request.kpiCommitment() == null ? null : request.kpiCommitment().gmvTarget();
                    e.commissionBps = request.commissionBps();
                    e.proposedBy = caller.who();
                    e.proposedAt = clock.now();
                    return engagements.persistAndFlush(e).chain(() -> publish(EngagementEvents.PROPOSED, e, null));
                }));
    }

    static boolean inGoodStanding(Object[] provider) {
        return "ADMITTED".equals(provider[0]) && !Boolean.TRUE.equals(provider[1]);
    }

    @WithTransaction
    public Uni<EngagementView> accept(UUID id, Caller caller) {
        return lock(id).chain(e -> {
            caller.requireMerchantSide(e, "accept");
            requireStatus(e, "accept", EngagementStatus.PROPOSED);
            return Panache.getSession().chain(session -> session.createNativeQuery(LOCK_PROVIDER, Object[].class)
                    .setParameter("id", e.providerId).getResultList()
                    .chain(provider -> {
                        if (provider.isEmpty() || !inGoodStanding(provider.get(0))) {
                            throw new ProblemException(ProblemType.CONFLICT, "provider " + e.providerId
                                    + " is not admitted or is suspended: the engagement cannot be accepted now");
                        }
                        int capacity = ((Number) provider.get(0)[2]).intValue();
                        return session.createNativeQuery(HELD, Long.class).setParameter("id", e.providerId).getSingleResult()
                                .invoke(held -> {
                                    if (held >= capacity) {
                                        throw new ProblemException(ProblemType.CONFLICT, "provider " + e.providerId
                                                + " has no capacity left (" + held + " of " + capacity + " held)");
                                    }
                                });
                    }))
                    .chain(() -> {
                        e.status = EngagementStatus.ACCEPTED;
                        e.acceptedAt = clock.now();
                        return engagements.flush().chain(() -> publish(EngagementEvents.ACCEPTED, e, null));
                    });
        });
    }

    @WithTransaction
    public Uni<EngagementView> activate(UUID id, Caller caller) {
        return lock(id).chain(e -> {
            caller.requireProviderSide(e, "activate");
            requireStatus(e, "activate", EngagementStatus.ACCEPTED);
            e.status = EngagementStatus.ACTIVE;
            e.activatedAt = clock.now();
            e.endsOn = OutcomeCalculator.utcDay(e.activatedAt).plusMonths(e.termMonths);
            return engagements.flush().chain(() -> publish(EngagementEvents.ACTIVATED, e, null));
        });
    }

    @WithTransaction
    public Uni<EngagementView> complete(UUID id, Rating rating, Caller caller) {
        return lock(id).chain(e -> {
            caller.requireMerchantSide(e, "complete");
            requireStatus(e, "complete", EngagementStatus.ACTIVE);
            // nothing is changed before the ledger query: it would flush the entity (and move its version) twice
            java.time.OffsetDateTime now = clock.now();
            return outcomes.measure(e.merchantId, OutcomeCalculator.utcDay(e.activatedAt), OutcomeCalculator.utcDay(now),
                    e.kpiGmvTarget).chain(outcome -> {
                        e.completedAt = now;
                        e.status = EngagementStatus.COMPLETED;
                        e.ratingResults = rating.results();
                        e.ratingCommunication = rating.communication();
                        e.ratingProfessionalism = rating.professionalism();
                        e.gmvBefore = outcome.gmvBefore();
                        e.gmvDuring = outcome.gmvDuring();
                        e.uplift = outcome.uplift();
                        e.kpiCommitmentMet = outcome.kpiCommitmentMet();
                        e.leap = outcome.leap();
                        e.leapPriorGmv = outcome.leapPriorGmv();
                        e.leapTrailingGmv = outcome.leapTrailingGmv();
                        e.bandBefore = outcome.bandBefore();
                        e.bandAfter = outcome.bandAfter();
                        return engagements.flush().chain(() -> publish(EngagementEvents.COMPLETED, e, null));
                    });
        });
    }

    @WithTransaction
    public Uni<EngagementView> terminate(UUID id, String reason, Caller caller) {
        return lock(id).chain(e -> {
            caller.requireParty(e, "terminate");
            requireStatus(e, "terminate", EngagementStatus.PROPOSED, EngagementStatus.ACCEPTED, EngagementStatus.ACTIVE);
            EngagementStatus from = e.status;
            e.status = EngagementStatus.TERMINATED;
            e.terminatedAt = clock.now();
            e.terminatedFrom = from;
            e.terminationReason = reason.trim();
            return engagements.flush().chain(() -> publish(EngagementEvents.TERMINATED, e, from));
        });
    }

    @WithSession
    public Uni<EngagementView> get(UUID id, Caller caller) {
        return engagements.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("engagement", id))
                .map(e -> {
                    caller.requireReader(e);
                    return EngagementView.of(e);
                });
    }

    @WithSession
    public Uni<Page<EngagementView>> list(EngagementRepository.Filter filter, PageRequest paging) {
        return paging.page(engagements.filtered(filter), EngagementView::of);
    }

    private Uni<Engagement> lock(UUID id) {
        return engagements.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("engagement", id));
    }

    private static void requireStatus(Engagement e, String action, EngagementStatus... allowed) {
        for (EngagementStatus s : allowed) {
            if (e.status == s) {
                return;
            }
        }
        throw ProblemException.illegalTransition("engagement", e.id, e.status, action);
    }

    private Uni<EngagementView> publish(String type, Engagement e, EngagementStatus terminatedFrom) {
        EngagementView view = EngagementView.of(e);
        return outbox.publish(EngagementEvents.TOPIC, type, e.id.toString(), EngagementEvents.Data.of(view, terminatedFrom))
                .replaceWith(view);
    }
}
