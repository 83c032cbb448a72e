package com.livecommerce.merchant.growth;

import com.livecommerce.merchant.merchant.MerchantStage;
import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stage follows time: once a day (UTC) every merchant's stage is reassessed as of today, with the
 * windows and thresholds of {@link StageClassifier}, so a merchant that stopped selling becomes
 * STALLED, then DECLINING, without a new ledger entry. The trigger fires hourly
 * ({@code merchant.stage.reassess-cron}, UTC); the first trigger of a UTC day runs the day's
 * reassessment once across all replicas ({@link ClusterJobs}), a failed or abandoned run is taken
 * over by a later trigger of the same day. Merchants are read in pages of
 * {@code merchant.stage.reassess-page-size} (keyset by id); only a merchant whose stage would change
 * is locked and reassessed, in a transaction of its own.
 */
@ApplicationScoped
public class StageReassessment {

    private static final Logger LOG = Logger.getLogger(StageReassessment.class);

    public static final String JOB = "merchant-stage-reassessment";

    /** Below every id in PostgreSQL's uuid order (bytewise, unsigned). */
    private static final UUID BEFORE_ALL = new UUID(0L, 0L);

    @Inject
    ClusterJobs jobs;

    @Inject
    UtcClock clock;

    @Inject
    GrowthQueries queries;

    @Inject
    StageClassifier classifier;

    @Inject
    StageAssessor assessor;

    @ConfigProperty(name = "merchant.stage.reassess-page-size", defaultValue = "500")
    int pageSize;

    public record Summary(LocalDate asOf, int merchants, int changed) {
    }

    @Scheduled(identity = JOB, cron = "{merchant.stage.reassess-cron:0 15 * * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> trigger() {
        return runToday()
                .onFailure().invoke(e -> LOG.warnf("stage reassessment failed, a later trigger retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Today's (UTC) reassessment, unless it already ran (or runs) on some replica; true when it ran here. */
    public Uni<Boolean> runToday() {
        LocalDate today = clock.today();
        return jobs.runOnce(JOB, today.toString(), Duration.ofHours(2), () -> reassessAll(today)
                .invoke(s -> LOG.infof("stages as of %s: %d merchants, %d changed", s.asOf(), s.merchants(), s.changed())));
    }

    /** Reassesses every merchant as of {@code asOf}. */
    public Uni<Summary> reassessAll(LocalDate asOf) {
        return page(asOf, BEFORE_ALL, new Summary(asOf, 0, 0));
    }

    private Uni<Summary> page(LocalDate asOf, UUID after, Summary soFar) {
        return queries.stageCandidates(after, pageSize, asOf, classifier.windowDays()).chain(candidates -> {
            Uni<Integer> changed = Uni.createFrom().item(0);
            for (GrowthQueries.StageCandidate c : candidates) {
                MerchantStage now = classifier.classify(c.windows());
                if (now != c.stage()) {
                    changed = changed.chain(n -> assessor.reassessOne(c.merchantId(), asOf).map(moved -> moved ? n + 1 : n));
                }
            }
            return changed.chain(n -> {
                Summary total = new Summary(asOf, soFar.merchants() + candidates.size(), soFar.changed() + n);
                return candidates.size() < pageSize ? Uni.createFrom().item(total)
                        : page(asOf, candidates.get(candidates.size() - 1).merchantId(), total);
            });
        });
    }
}
