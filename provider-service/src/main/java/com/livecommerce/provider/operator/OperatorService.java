package com.livecommerce.provider.operator;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.admission.AuditTrail;
import com.livecommerce.provider.admission.Decision;
import com.livecommerce.provider.provider.CodeList;
import com.livecommerce.provider.provider.ProviderService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Operators (操盘手): the one writer of the operator table. */
@ApplicationScoped
public class OperatorService {

    static final String CERTIFY_ELSEWHERE = "certifying an operator is a platform act: add the operator uncertified and"
            + " have platform-admin certify it with POST /providers/{id}/operators/{operatorId}/certification";

    @Inject
    ProviderService providers;

    @Inject
    AuditTrail audit;

    @Inject
    UtcClock clock;

    /**
     * Adds an operator. {@code certified: true} is refused (403) unless {@code platformAdmin}, and then
     * needs {@code evidence} (422 otherwise); the certification is audited like {@link #certify}.
     */
    @WithTransaction
    public Uni<OperatorView> add(UUID providerId, NewOperator request, String actor, boolean platformAdmin) {
        boolean certify = request.certifiedRequested();
        if (certify && !platformAdmin) {
            return Uni.createFrom().failure(ProblemException.forbidden(CERTIFY_ELSEWHERE));
        }
        if (certify && (request.evidence() == null || request.evidence().isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalidField("evidence",
                    "is required to add a certified operator: what the certification rests on"));
        }
        return providers.require(providerId).chain(p -> {
            Operator o = new Operator();
            o.id = UUID.randomUUID();
            o.providerId = providerId;
            o.name = request.name().trim();
            o.specialties = CodeList.join(request.specialties().stream().distinct().map(Enum::name).toList());
            o.certified = certify;
            o.sessionGmv = BigDecimal.ZERO.setScale(2);
            o.adSpend = BigDecimal.ZERO.setScale(2);
            o.createdAt = clock.now();
            Uni<Void> persisted = o.persist().replaceWithVoid();
            if (certify) {
                persisted = persisted.chain(() -> audited(o, request.evidence(), actor));
            }
            return persisted.replaceWith(() -> OperatorView.of(o));
        });
    }

    /** platform-admin certifies an operator of the provider; a certified one cannot be certified again (409). */
    @WithTransaction
    public Uni<OperatorView> certify(UUID providerId, UUID operatorId, String evidence, String actor) {
        return providers.require(providerId).chain(p -> require(providerId, operatorId)).chain(o -> {
            if (o.certified) {
                return Uni.createFrom().failure(ProblemException.illegalTransition("operator", operatorId, "CERTIFIED", "certify"));
            }
            o.certified = true;
            return Panache.flush().chain(() -> audited(o, evidence, actor)).replaceWith(() -> OperatorView.of(o));
        });
    }

    private Uni<Void> audited(Operator o, String evidence, String actor) {
        return audit.record(o.providerId, Decision.Action.OPERATOR_CERTIFIED,
                List.of("operator " + o.id + " (" + o.name + ") certified", "evidence: " + evidence.trim()), actor).replaceWithVoid();
    }

    @WithSession
    public Uni<Page<OperatorView>> list(UUID providerId, PageRequest paging) {
        return providers.require(providerId).chain(p -> paging.page(
                Operator.<Operator>find("providerId", Sort.by("createdAt").and("id"), providerId), OperatorView::of));
    }

    @WithSession
    public Uni<OperatorView> get(UUID providerId, UUID operatorId) {
        return require(providerId, operatorId).map(OperatorView::of);
    }

    /** The provider's operator, or a 404 problem (also for another provider's operator); in the caller's session. */
    Uni<Operator> require(UUID providerId, UUID operatorId) {
        return Operator.<Operator>findById(operatorId)
                .map(o -> o == null || !o.providerId.equals(providerId) ? null : o)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("operator", operatorId));
    }

    private static final String COUNT_SESSION = "insert into operator_session"
            + " (session_id, operator_id, provider_id, gmv, ad_spend, event_id, counted_at)"
            + " values (:session, :operator, :provider, :gmv, :spend, :event, :at) on conflict (session_id) do nothing";

    /**
     * Adds one live session the operator ran (its GMV and ad spend) to the operator's statistics, once
     * per session id whatever the number of events reporting it. Fails with a 404 problem when the
     * provider has no such operator. Runs in the caller's transaction; true when the session was counted now.
     */
    public Uni<Boolean> countSession(UUID sessionId, UUID providerId, UUID operatorId, BigDecimal gmv, BigDecimal adSpend,
            String eventId) {
        return require(providerId, operatorId).chain(o -> Panache.getSession().chain(s -> s.createNativeQuery(COUNT_SESSION)
                        .setParameter("session", sessionId).setParameter("operator", operatorId).setParameter("provider", providerId)
                        .setParameter("gmv", gmv).setParameter("spend", adSpend).setParameter("event", eventId)
                        .setParameter("at", clock.now()).executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().item(false);
                    }
                    o.sessionsRun++;
                    o.sessionGmv = o.sessionGmv.add(gmv);
                    o.adSpend = o.adSpend.add(adSpend);
                    return Panache.flush().replaceWith(true);
                }));
    }

    /** Certified operators of a provider, for admission; inside the caller's session. */
    public Uni<Long> certifiedCount(UUID providerId) {
        return Operator.count("providerId = ?1 and certified = true", providerId);
    }
}
