package com.livecommerce.provider.leaderboard;

import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.YearMonth;
import org.jboss.logging.Logger;

/**
 * The monthly leaderboards: the trigger fires every day at 02:00 UTC ({@code provider.leaderboard.schedule},
 * UTC whatever the JVM's zone) and computes the month that ended (by the UTC calendar) once across all
 * replicas ({@link ClusterJobs}, job {@value #JOB}): the first trigger of a month computes it, the later
 * ones skip it, and a failed run is retried by the next day's trigger.
 */
@ApplicationScoped
public class LeaderboardSchedule {

    public static final String JOB = "leaderboards";

    private static final Logger LOG = Logger.getLogger(LeaderboardSchedule.class);

    @Inject
    ClusterJobs jobs;

    @Inject
    UtcClock clock;

    @Inject
    LeaderboardService leaderboards;

    @Inject
    LeaderboardConfig config;

    @Scheduled(identity = JOB, cron = "{provider.leaderboard.schedule}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> trigger() {
        return run().replaceWithVoid();
    }

    /** Computes the month that ended unless some replica already did; true when this call computed it. */
    public Uni<Boolean> run() {
        Period lastMonth = Period.parse("period", YearMonth.from(clock.today()).minusMonths(1).toString());
        return jobs.runOnce(JOB, lastMonth.label(), config.lease(), () -> leaderboards.compute(lastMonth, "schedule")
                .invoke(s -> LOG.infof("leaderboards %s: %d entries, %d on probation, %d suspension proposals", s.period(),
                        s.entries(), s.onProbation(), s.suspensionProposals().size())));
    }
}
