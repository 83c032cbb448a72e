package com.livecommerce.matching.campaign;

import com.livecommerce.matching.engagement.EngagementConfig;
import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs campaigns: the request is recorded (RUNNING) and answered at once; the cohort is resolved, planned from the
 * in-memory index ({@link CampaignPlanner}, exact) and written as proposed engagements ({@link CampaignStore}) on a
 * worker thread; the campaign ends COMPLETED with its objective, or FAILED with the reason.
 * <p>
 * A run holds a claim ({@link ClusterJobs#runRenewing}, job {@value #JOB}, period = the campaign's id) that it renews
 * while it runs. When its replica dies, the campaign would stay RUNNING for ever; instead every replica looks for
 * RUNNING campaigns without a live claim every {@code matching.campaign.recover-every} and runs them again (the claim
 * makes sure one replica does). Completing is guarded by the status, so two runs never both propose.
 */
@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);

    @Inject
    CampaignStore store;

    @Inject
    CampaignPlanner planner;

    @Inject
    MatchingIndex index;

    @Inject
    UtcClock clock;

    @Inject
    EngagementConfig engagements;

    @Inject
    ClusterJobs jobs;

    static final String JOB = "campaign";

    /** How long a run's claim lasts without renewal (renewed every third of it while the run is alive). */
    @ConfigProperty(name = "matching.campaign.lease", defaultValue = "PT30S")
    Duration lease;

    /** How old a RUNNING campaign without a live claim must be before another replica runs it again. */
    @ConfigProperty(name = "matching.campaign.recover-after", defaultValue = "PT10S")
    Duration recoverAfter;

    @ConfigProperty(name = "matching.campaign.default-commission-bps", defaultValue = "1000")
    int defaultCommissionBps;

    /** What the request asks, validated. */
    record Request(String cohort, Period earlier, Period later, List<UUID> merchantIds, CampaignStore.Terms terms) {
    }

    Request validate(NewCampaign body) {
        boolean byRule = body.cohort() != null;
        boolean byList = body.merchantIds() != null;
        if (byRule == byList) {
            throw ProblemException.invalidField("cohort", "give either a cohort (with earlier and later) or merchantIds, not both or neither");
        }
        Period earlier = null;
        Period later = null;
        if (byRule) {
            earlier = Period.parse("earlier", body.earlier());
            later = Period.parse("later", body.later());
        }
        int term = body.term() == null ? engagements.minTermMonths() : body.term();
        if (term < engagements.minTermMonths() || term > engagements.maxTermMonths()) {
            throw ProblemException.invalidField("term", "must be between " + engagements.minTermMonths() + " and "
                    + engagements.maxTermMonths() + " months");
        }
        int commission = body.commissionBps() == null ? defaultCommissionBps : body.commissionBps();
        return new Request(byRule ? body.cohort().name() : "LIST", earlier, later, body.merchantIds(),
                new CampaignStore.Terms(term, commission));
    }

    /** A validated campaign request and the id it gets (for {@link #record} and {@link #launch}). */
    record Prepared(UUID id, Request request) {
    }

    /** Validates (422 on bad input) and gives the campaign its id; nothing is written yet. */
    Prepared prepare(NewCampaign body) {
        return new Prepared(UUID.randomUUID(), validate(body));
    }

    /** Records the campaign RUNNING through {@code client} (the caller's transaction) and reads it back there. */
    Uni<CampaignView> record(SqlClient client, Prepared prepared, String by) {
        Request request = prepared.request();
        return store.create(client, prepared.id(), request.cohort(), label(request.earlier()), label(request.later()), request.terms(),
                        by, clock.now(), request.merchantIds())
                .chain(() -> store.get(client, prepared.id(), 0, PageRequest.DEFAULT_SIZE));
    }

    /** Plans the recorded campaign on a worker thread; call once its record is committed. */
    void launch(Prepared prepared) {
        claimAndRun(prepared.id(), prepared.request()).subscribe().with(ran -> { },
                e -> LOG.warnf("campaign %s: no result here (%s); the recovery of interrupted campaigns runs it again",
                        prepared.id(), e.getMessage()));
    }

    /** Runs the campaign under its claim, on a worker thread; false when another replica holds it or finished it. */
    private Uni<Boolean> claimAndRun(UUID id, Request request) {
        return jobs.runRenewing(JOB, id.toString(), lease, () -> Uni.createFrom().item(() -> {
            run(id, request);
            return id;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * Campaigns left RUNNING by a replica that died (or that recorded one and died before starting it): run again here,
     * one at a time, each under its claim. A list campaign recorded before its merchants were kept cannot be run again:
     * it is marked FAILED with that reason, so that it does not stay RUNNING.
     */
    @Scheduled(identity = "campaign-recovery", every = "${matching.campaign.recover-every:15s}", delayed = "${matching.campaign.recover-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recoverInterrupted() {
        return store.interrupted(recoverAfter, JOB).onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem().transformToUniAndConcatenate(c -> {
                    if ("LIST".equals(c.cohort()) && c.merchantIds() == null) {
                        return store.fail(c.id(), clock.now(), "interrupted, and its merchant list was not kept: request it again")
                                .replaceWith(false);
                    }
                    LOG.infof("campaign %s: RUNNING without a live run, run again here", c.id());
                    Request request = new Request(c.cohort(), c.earlier() == null ? null : Period.parse("earlier", c.earlier()),
                            c.later() == null ? null : Period.parse("later", c.later()), c.merchantIds(), c.terms());
                    // one campaign that fails again does not hold up the others of the round
                    return claimAndRun(c.id(), request).onFailure().invoke(e -> LOG.warnf(
                            "campaign %s: run again without a result (%s); the next round retries", c.id(), e.getMessage()))
                            .onFailure().recoverWithItem(false);
                })
                .onFailure().invoke(e -> LOG.warnf("recovery of interrupted campaigns: %s; the next round retries", e.getMessage()))
                .onFailure().recoverWithCompletion()
                .collect().last().replaceWithVoid();
    }

    private static String label(Period p) {
        return p == null ? null : p.label();
    }

    /** Blocking: runs on a worker thread. */
    void run(UUID id, Request request) {
        long started = System.nanoTime();
        try {
            List<UUID> cohort = request.merchantIds() != null ? request.merchantIds()
                    : store.stalled(request.earlier(), request.later()).await().atMost(Duration.ofMinutes(5));
            long cohortMillis = (System.nanoTime() - started) / 1_000_000;
            CampaignPlanner.Plan plan = planner.plan(id, cohort);
            long writeStarted = System.nanoTime();
            Map<String, Object> solver = new LinkedHashMap<>();
            solver.put("classes", plan.classes());
            solver.put("providers", plan.stats().providers());
            solver.put("arcs", plan.stats().arcs());
            solver.put("rounds", plan.stats().rounds());
            solver.put("pricedPairs", plan.stats().pricedPairs());
            solver.put("cohortMillis", cohortMillis);
            solver.put("solveMillis", plan.stats().solveMillis());
            solver.put("planMillis", plan.planMillis());
            int distinct = (int) cohort.stream().distinct().count();
            OffsetDateTime now = clock.now();
            // the write's own duration is known only after it; it is logged, and measured by the benchmark end to end
            store.complete(id, distinct, plan, request.terms(), now, solver).await().atMost(Duration.ofMinutes(10));
            index.poke();
            LOG.infof("campaign %s: %d merchants, %d assigned, objective %d millionths; cohort %d ms, plan %d ms (solve %d ms, %d classes,"
                    + " %d arcs, %d rounds), write %d ms", id, distinct, plan.assignments().size(), plan.objective(), cohortMillis,
                    plan.planMillis(), plan.stats().solveMillis(), plan.classes(), plan.stats().arcs(), plan.stats().rounds(),
                    (System.nanoTime() - writeStarted) / 1_000_000);
        } catch (CampaignStore.AlreadyFinished e) {
            LOG.infof("campaign %s: finished by another run meanwhile; this run's result is dropped", id);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "campaign %s failed", id);
            try {
                store.fail(id, clock.now(), String.valueOf(e.getMessage())).await().atMost(Duration.ofSeconds(30));
            } catch (RuntimeException again) {
                LOG.errorf(again, "campaign %s could not be marked FAILED", id);
                // still RUNNING: the claim is given back (not done), and the recovery runs the campaign again
                throw again;
            }
        }
    }

    public Uni<CampaignView> get(UUID id, int page, int size) {
        return store.get(id, page, size).onItem().ifNull().failWith(() -> ProblemException.notFound("campaign", id));
    }
}
