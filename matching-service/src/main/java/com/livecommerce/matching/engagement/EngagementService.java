package com.livecommerce.matching.engagement;

import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.persistence.WhereClause;
import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

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
    private static final String LOCK_IMPORT = "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) as locked";
    /** An engagement of the pair that was active on some day of [from, to] (an open one runs until today). */
    private static final String OVERLAP = "select id from engagement where merchant_id = :m and provider_id = :p and activated_at is not null"
            + " and cast(activated_at at time zone 'UTC' as date) <= :to"
            + " and cast(coalesce(completed_at, terminated_at, now()) at time zone 'UTC' as date) >= :from order by activated_at limit 1";
    private static final String LEDGER_ENTRIES = "select count(*) from merchant_gmv where merchant_id = :m and entry_date between :from and :to";
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
            OffsetDateTime now = clock.now();
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

    /** An import's answer: the import, and whether this call created it (false: the same import was already there). */
    public record Imported(EngagementImportView view, boolean created) {
    }

    /**
     * Records an engagement that already happened ({@code POST /engagements/imports}, platform-admin): validated like a
     * proposal (known merchant and provider, the contract's terms), its outcome measured from the merchant's ledger for
     * the served days exactly as at a live completion, written COMPLETED with its audit row, and published as the four
     * lifecycle events (versions 0 to 3) every consumer already credits. Imports of one source reference, and of one
     * merchant and provider, are serialised across replicas (advisory locks); an import is recognised by its canonical
     * form: the same import again changes nothing, another one under that reference is a 409.
     */
    @WithTransaction
    public Uni<Imported> importCompleted(NewEngagementImport request, String importedBy) {
        int term = request.term() == null ? config.minTermMonths() : request.term();
        if (term < config.minTermMonths()) {
            return Uni.createFrom().failure(ProblemException.invalidField("term", "must be at least " + config.minTermMonths() + " months"));
        }
        if (term > config.maxTermMonths()) {
            return Uni.createFrom().failure(ProblemException.invalidField("term", "must be at most " + config.maxTermMonths() + " months"));
        }
        if (request.servedTo().isBefore(request.servedFrom())) {
            return Uni.createFrom().failure(ProblemException.invalidField("servedTo", "must not be before servedFrom"));
        }
        if (!request.servedTo().isBefore(clock.today())) {
            return Uni.createFrom().failure(ProblemException.invalidField("servedTo",
                    "must be before today (UTC): an import records an engagement that is over"));
        }
        String reference = request.sourceReference();
        String fingerprint = request.fingerprint(config.minTermMonths());
        return Panache.getSession().chain(session -> session.createNativeQuery(LOCK_IMPORT, Integer.class)
                .setParameter("key", "engagement-import-reference:" + reference).getSingleResult()
                .chain(() -> EngagementImport.<EngagementImport>findById(reference))
                .chain(existing -> {
                    if (existing != null) {
                        if (!existing.fingerprint.equals(fingerprint)) {
                            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "source reference " + reference
                                    + " was already imported (engagement " + existing.engagementId + ") with other content"));
                        }
                        return engagements.findById(existing.engagementId).map(e -> new Imported(EngagementImportView.of(existing, e), false));
                    }
                    // imports of one merchant and provider are serialised too: two under other references cannot both
                    // pass the check that their days do not overlap
                    return session.createNativeQuery(LOCK_IMPORT, Integer.class)
                            .setParameter("key", "engagement-import-pair:" + request.merchantId() + ":" + request.providerId()).getSingleResult()
                            .chain(() -> recordImport(session, request, reference, fingerprint, term, importedBy))
                            .map(view -> new Imported(view, true));
                }));
    }

    private Uni<EngagementImportView> recordImport(Mutiny.Session session, NewEngagementImport request,
            String reference, String fingerprint, int term, String importedBy) {
        return session.createNativeQuery(MERCHANT, Long.class).setParameter("id", request.merchantId()).getResultList()
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
                    return session.createNativeQuery(OVERLAP, UUID.class).setParameter("m", request.merchantId())
                            .setParameter("p", request.providerId()).setParameter("from", request.servedFrom())
                            .setParameter("to", request.servedTo()).getResultList();
                })
                .chain(overlapping -> {
                    if (!overlapping.isEmpty()) {
                        throw new ProblemException(ProblemType.CONFLICT, "engagement " + overlapping.get(0) + " between this merchant and"
                                + " provider already covers days of " + request.servedFrom() + ".." + request.servedTo());
                    }
                    return session.createNativeQuery(LEDGER_ENTRIES, Long.class).setParameter("m", request.merchantId())
                            .setParameter("from", request.servedFrom()).setParameter("to", request.servedTo()).getSingleResult();
                })
                .chain(entries -> {
                    if (entries == 0) {
                        throw new ProblemException(ProblemType.VALIDATION, "the merchant's ledger holds no entry from " + request.servedFrom()
                                + " to " + request.servedTo() + " (as matching received it from merchant-events): the outcome is"
                                + " measured from the ledger, so record it first (POST /merchants/{id}/gmv), then import",
                                List.of(new Problem.FieldError("servedFrom", "no ledger entry of the merchant in the served days")));
                    }
                    return outcomes.measure(request.merchantId(), request.servedFrom(), request.servedTo(),
                            request.kpiCommitment() == null ? null : request.kpiCommitment().gmvTarget());
                })
                .chain(outcome -> {
                    requireReportedMatches(request, outcome);
                    Engagement e = new Engagement();
                    e.id = UUID.randomUUID();
                    e.merchantId = request.merchantId();
                    e.providerId = request.providerId();
                    e.needs = EnumSet.copyOf(request.needs());
                    e.termMonths = term;
                    e.kpiGmvTarget = request.kpiCommitment() == null ? null : request.kpiCommitment().gmvTarget();
                    e.commissionBps = request.commissionBps();
                    e.importReference = reference;
                    e.proposedBy = "import:" + importedBy;
                    // the lifecycle as it happened: proposed, accepted and activated on the first day served, completed on the last
                    OffsetDateTime start = request.servedFrom().atStartOfDay().atOffset(ZoneOffset.UTC);
                    List<EngagementView> lifecycle = new ArrayList<>(4);
                    e.status = EngagementStatus.PROPOSED;
                    e.proposedAt = start;
                    e.version = 0;
                    lifecycle.add(EngagementView.of(e));
                    e.status = EngagementStatus.ACCEPTED;
                    e.acceptedAt = start;
                    e.version = 1;
                    lifecycle.add(EngagementView.of(e));
                    e.status = EngagementStatus.ACTIVE;
                    e.activatedAt = start;
                    e.endsOn = request.servedFrom().plusMonths(term);
                    e.version = 2;
                    lifecycle.add(EngagementView.of(e));
                    e.status = EngagementStatus.COMPLETED;
                    e.completedAt = request.servedTo().atTime(23, 59, 59).atOffset(ZoneOffset.UTC);
                    e.ratingResults = request.rating().results();
                    e.ratingCommunication = request.rating().communication();
                    e.ratingProfessionalism = request.rating().professionalism();
                    e.gmvBefore = outcome.gmvBefore();
                    e.gmvDuring = outcome.gmvDuring();
                    e.uplift = outcome.uplift();
                    e.kpiCommitmentMet = outcome.kpiCommitmentMet();
                    e.leap = outcome.leap();
                    e.leapPriorGmv = outcome.leapPriorGmv();
                    e.leapTrailingGmv = outcome.leapTrailingGmv();
                    e.bandBefore = outcome.bandBefore();
                    e.bandAfter = outcome.bandAfter();
                    e.version = 3; // kept by the persist (a version set on a new entity is its initial one)
                    lifecycle.add(EngagementView.of(e));

                    EngagementImport audit = new EngagementImport();
                    audit.sourceReference = reference;
                    audit.engagementId = e.id;
                    audit.merchantId = e.merchantId;
                    audit.providerId = e.providerId;
                    audit.servedFrom = request.servedFrom();
                    audit.servedTo = request.servedTo();
                    audit.fingerprint = fingerprint;
                    if (request.reportedOutcome() != null) {
                        audit.reportedGmvBefore = request.reportedOutcome().gmvBefore();
                        audit.reportedGmvDuring = request.reportedOutcome().gmvDuring();
                        audit.reportedLeap = request.reportedOutcome().leap();
                    }
                    audit.importedBy = importedBy;
                    audit.importedAt = clock.now();
                    String[] types = {EngagementEvents.PROPOSED, EngagementEvents.ACCEPTED, EngagementEvents.ACTIVATED, EngagementEvents.COMPLETED};
                    Uni<Void> published = engagements.persistAndFlush(e).chain(() -> audit.persistAndFlush()).replaceWithVoid();
                    for (int i = 0; i < types.length; i++) {
                        String type = types[i];
                        EngagementView stage = lifecycle.get(i);
                        published = published.chain(() -> outbox.publish(EngagementEvents.TOPIC, type, e.id.toString(),
                                EngagementEvents.Data.of(stage, null))).replaceWithVoid();
                    }
                    return published.map(ignored -> {
                        if (e.version != 3) {
                            throw new IllegalStateException("imported engagement " + e.id + " stored at version " + e.version + ", not 3");
                        }
                        return EngagementImportView.of(audit, e);
                    });
                });
    }

    /** Each figure the source system reported must be the one measured from the ledger; else a 422 naming each. */
    static void requireReportedMatches(NewEngagementImport request, Outcome measured) {
        ReportedOutcome reported = request.reportedOutcome();
        if (reported == null) {
            return;
        }
        String days = " for " + request.servedFrom() + ".." + request.servedTo();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (reported.gmvBefore() != null && reported.gmvBefore().compareTo(measured.gmvBefore()) != 0) {
            errors.add(new Problem.FieldError("reportedOutcome.gmvBefore", "the ledger gives " + measured.gmvBefore().toPlainString()
                    + " for " + measured.beforeFrom() + ".." + measured.beforeTo()));
        }
        if (reported.gmvDuring() != null && reported.gmvDuring().compareTo(measured.gmvDuring()) != 0) {
            errors.add(new Problem.FieldError("reportedOutcome.gmvDuring", "the ledger gives " + measured.gmvDuring().toPlainString() + days));
        }
        if (reported.leap() != null && reported.leap() != measured.leap()) {
            errors.add(new Problem.FieldError("reportedOutcome.leap", "the leap rule on the ledger gives " + measured.leap() + days));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "the reported outcome disagrees with the merchant's ledger (the outcome is"
                    + " measured from the ledger, never taken from the source): correct the ledger or the report", errors);
        }
    }

    @WithSession
    public Uni<Page<EngagementImportView>> listImports(String reference, UUID merchant, UUID provider, PageRequest paging) {
        WhereClause where = new WhereClause()
                .and("sourceReference = :reference", "reference", reference)
                .and("merchantId = :merchant", "merchant", merchant)
                .and("providerId = :provider", "provider", provider);
        PanacheQuery<EngagementImport> query = EngagementImport.find(where.query(),
                Sort.by("importedAt").and("sourceReference"), where.params());
        return query.count().chain(total -> query.range(paging.offset(), paging.offset() + paging.size() - 1).list()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(paging.<EngagementImportView>page(List.of(), total))
                        : engagements.list("id in ?1", rows.stream().map(r -> r.engagementId).toList()).map(found -> {
                            Map<UUID, Engagement> byId = new HashMap<>();
                            found.forEach(e -> byId.put(e.id, e));
                            return paging.page(rows.stream().map(r -> EngagementImportView.of(r, byId.get(r.engagementId))).toList(), total);
                        })));
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
