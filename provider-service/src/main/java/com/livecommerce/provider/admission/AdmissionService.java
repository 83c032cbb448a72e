package com.livecommerce.provider.admission;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.operator.OperatorService;
import com.livecommerce.provider.provider.AdmissionStatus;
import com.livecommerce.provider.provider.Provider;
import com.livecommerce.provider.provider.ProviderEvent;
import com.livecommerce.provider.provider.ProviderEvents;
import com.livecommerce.provider.provider.ProviderService;
import com.livecommerce.provider.provider.ProviderView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** Strict admission (严准入): review, suspension, reinstatement, one appeal per decision, audit trail. */
@ApplicationScoped
public class AdmissionService {

    @Inject
    ProviderService providers;

    @Inject
    OperatorService operators;

    @Inject
    AdmissionRules rules;

    @Inject
    AuditTrail audit;

    @Inject
    UtcClock clock;

    @WithTransaction
    public Uni<AdmissionDtos.ReviewResult> review(UUID id, String actor) {
        return providers.require(id).chain(p -> {
            if (p.admission != AdmissionStatus.APPLIED) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("provider", id, p.admission, "review"));
            }
            AdmissionRules.TypeRules typeRules = rules.types().get(p.type.name());
            if (typeRules == null) {
                // AdmissionRulesCheck refuses to start without rules for every type
                return Uni.createFrom().failure(new IllegalStateException("no admission rules configured for " + p.type));
            }
            return operators.certifiedCount(id).chain(certified -> {
                List<AdmissionReview.FailedRule> failed = AdmissionReview.evaluate(p, certified, typeRules);
                boolean admitted = failed.isEmpty();
                p.admission = admitted ? AdmissionStatus.ADMITTED : AdmissionStatus.REJECTED;
                touch(p);
                List<String> reasons = failed.stream().map(f -> f.rule() + ": " + f.detail()).toList();
                return audit.record(id, admitted ? Decision.Action.ADMITTED : Decision.Action.REJECTED, reasons, actor)
                        .chain(() -> Panache.flush())
                        .chain(() -> providers.publish(p, admitted ? ProviderEvents.ADMITTED : ProviderEvents.REJECTED, reasons))
                        .replaceWith(() -> new AdmissionDtos.ReviewResult(id, p.status(), failed));
            });
        });
    }

    @WithTransaction
    public Uni<ProviderView> suspend(UUID id, String reason, String actor) {
        return providers.require(id).chain(p -> {
            if (p.suspended) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("provider", id, "SUSPENDED", "suspend"));
            }
            p.suspended = true;
            p.suspensionProposed = false;
            touch(p);
            return audit.record(id, Decision.Action.SUSPENDED, List.of(reason), actor)
                    .chain(() -> Panache.flush())
                    .chain(() -> providers.publish(p, ProviderEvents.SUSPENDED, List.of(reason)))
                    .replaceWith(() -> ProviderView.of(p));
        });
    }

    @WithTransaction
    public Uni<ProviderView> reinstate(UUID id, String reason, String actor) {
        return providers.require(id).chain(p -> {
            if (!p.suspended) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("provider", id, p.status(), "reinstate"));
            }
            return lift(p, reason, actor, Decision.Action.REINSTATED)
                    .replaceWith(() -> ProviderView.of(p));
        });
    }

    private Uni<Void> lift(Provider p, String reason, String actor, Decision.Action action) {
        p.suspended = false;
        touch(p);
        return audit.record(p.id, action, List.of(reason), actor)
                .chain(() -> Panache.flush())
                .chain(() -> providers.publish(p, ProviderEvents.REINSTATED, List.of(reason)));
    }

    /**
     * Proposes to platform-admin to suspend the provider (on probation in {@code period} and the one
     * before): sets {@code suspensionProposed}, audits SUSPENSION_PROPOSED and publishes
     * ProviderSuspensionProposed. Runs in the caller's transaction.
     */
    public Uni<Void> proposeSuspension(UUID id, Period period, String reason, String actor) {
        return providers.require(id).chain(p -> {
            p.suspensionProposed = true;
            touch(p);
            return audit.record(id, Decision.Action.SUSPENSION_PROPOSED, List.of(reason), actor)
                    .chain(() -> Panache.flush())
                    .chain(() -> providers.publishEvent(p, ProviderEvents.SUSPENSION_PROPOSED,
                            ProviderEvent.of(p, List.of(reason), period.label())));
        });
    }

    /**
     * Withdraws the suspension proposal of {@code period}, which no longer holds: audits
     * SUSPENSION_PROPOSAL_WITHDRAWN, clears {@code suspensionProposed} unless {@code anotherProposalHolds},
     * and publishes ProviderSuspensionProposalWithdrawn. Runs in the caller's transaction.
     */
    public Uni<Void> withdrawSuspensionProposal(UUID id, Period period, String reason, String actor, boolean anotherProposalHolds) {
        return providers.require(id).chain(p -> {
            if (!anotherProposalHolds) {
                p.suspensionProposed = false;
            }
            touch(p);
            return audit.record(id, Decision.Action.SUSPENSION_PROPOSAL_WITHDRAWN, List.of(reason), actor)
                    .chain(() -> Panache.flush())
                    .chain(() -> providers.publishEvent(p, ProviderEvents.SUSPENSION_PROPOSAL_WITHDRAWN,
                            ProviderEvent.of(p, List.of(reason), period.label())));
        });
    }

    /** A rejected or suspended provider appeals the decision that put it there, once. */
    @WithTransaction
    public Uni<AdmissionDtos.AppealView> appeal(UUID id, String reason, String actor) {
        return providers.require(id).chain(p -> {
            Appeal.Against against;
            Decision.Action decided;
            if (p.suspended) {
                against = Appeal.Against.SUSPENSION;
                decided = Decision.Action.SUSPENDED;
            } else if (p.admission == AdmissionStatus.REJECTED) {
                against = Appeal.Against.REJECTION;
                decided = Decision.Action.REJECTED;
            } else {
                return Uni.createFrom().failure(new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                        "provider " + id + " is " + p.status() + ": only a rejection or a suspension can be appealed"));
            }
            return audit.latest(id, decided).chain(decision -> Appeal.count("decisionId", decision.id).chain(existing -> {
                if (existing > 0) {
                    return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                            "the " + against.name().toLowerCase() + " of " + decision.decidedAt + " was already appealed; one appeal per decision"));
                }
                Appeal a = new Appeal();
                a.id = UUID.randomUUID();
                a.providerId = id;
                a.decisionId = decision.id;
                a.against = against;
                a.reason = reason;
                a.status = Appeal.Status.PENDING;
                a.createdAt = clock.now();
                return a.persist()
                        .chain(() -> audit.record(id, Decision.Action.APPEALED, List.of(against + ": " + reason), actor))
                        .replaceWith(() -> AdmissionDtos.AppealView.of(a));
            }));
        });
    }

    @WithTransaction
    public Uni<AdmissionDtos.AppealView> decide(UUID id, UUID appealId, AdmissionDtos.AppealDecision decision, String actor) {
        return providers.require(id).chain(p -> Appeal.<Appeal>findById(appealId).chain(a -> {
            if (a == null || !a.providerId.equals(id)) {
                return Uni.createFrom().failure(ProblemException.notFound("appeal", appealId));
            }
            if (a.status != Appeal.Status.PENDING) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("appeal", appealId, a.status, "decide"));
            }
            boolean granted = decision.outcome() == AdmissionDtos.Outcome.GRANTED;
            a.status = granted ? Appeal.Status.GRANTED : Appeal.Status.DENIED;
            a.decidedBy = actor;
            a.decisionReason = decision.reason();
            a.decidedAt = clock.now();
            Uni<Void> effect = audit.record(id, granted ? Decision.Action.APPEAL_GRANTED : Decision.Action.APPEAL_DENIED,
                    List.of(decision.reason()), actor).replaceWithVoid();
            if (granted && a.against == Appeal.Against.SUSPENSION && p.suspended) {
                effect = effect.chain(() -> lift(p, "appeal granted: " + decision.reason(), actor, Decision.Action.REINSTATED));
            } else if (granted && a.against == Appeal.Against.REJECTION && p.admission == AdmissionStatus.REJECTED) {
                p.admission = AdmissionStatus.ADMITTED;
                touch(p);
                effect = effect.chain(() -> audit.record(id, Decision.Action.ADMITTED, List.of("appeal granted: " + decision.reason()), actor))
                        .chain(() -> Panache.flush())
                        .chain(() -> providers.publish(p, ProviderEvents.ADMITTED, List.of("appeal granted: " + decision.reason())));
            }
            return effect.replaceWith(() -> AdmissionDtos.AppealView.of(a));
        }));
    }

    @WithSession
    public Uni<Page<AdmissionDtos.DecisionView>> trail(UUID id, PageRequest paging) {
        return providers.require(id).chain(p -> audit.of(id, paging));
    }

    /** One appeal of the provider; another provider's appeal is a 404. */
    @WithSession
    public Uni<AdmissionDtos.AppealView> appeal(UUID id, UUID appealId) {
        return providers.require(id).chain(p -> Appeal.<Appeal>findById(appealId))
                .map(a -> a == null || !a.providerId.equals(id) ? null : AdmissionDtos.AppealView.of(a))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("appeal", appealId));
    }

    @WithSession
    public Uni<Page<AdmissionDtos.AppealView>> appeals(UUID id, PageRequest paging) {
        return providers.require(id).chain(p -> paging.page(
                Appeal.<Appeal>find("providerId", Sort.by("createdAt").and("id"), id), AdmissionDtos.AppealView::of));
    }

    private void touch(Provider p) {
        p.updatedAt = clock.now();
    }
}
