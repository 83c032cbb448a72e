package com.livecommerce.plumbing.jobs;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a scheduled job once per period across all replicas of a service. Every replica's
 * scheduler fires; the first to claim the row ({@code job}, {@code period}) in the shared
 * {@code job_run} table runs the work, the others skip. The claim is a lease measured by the
 * database's clock (never a JVM's): a replica that dies mid-run leaves a lease that expires, and
 * the next trigger of the same period (on any replica) takes over. A run that fails gives its
 * claim back at once. A period that is done is never run again by the schedule.
 */
@ApplicationScoped
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);

    private static final String CLAIM = "insert into job_run (job, period, claimed_by, claimed_at, lease_until)"
            + " values ($1, $2, $3, now(), now() + make_interval(secs => $4))"
            + " on conflict (job, period) do update set claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,"
            + " lease_until = excluded.lease_until, attempts = job_run.attempts + 1"
            + " where job_run.done_at is null and job_run.lease_until < now()"
            + " returning job";
    private static final String DONE = "update job_run set done_at = now(), last_error = null"
            + " where job = $1 and period = $2 and claimed_by = $3";
    private static final String RENEW = "update job_run set lease_until = now() + make_interval(secs => $4)"
            + " where job = $1 and period = $2 and claimed_by = $3 and done_at is null";
    private static final String RELEASE = "update job_run set lease_until = now(), last_error = $4"
            + " where job = $1 and period = $2 and claimed_by = $3 and done_at is null";

    /** Who claims: this JVM (host name and a random id, so two JVMs on one host differ). */
    private final String me = host() + "/" + UUID.randomUUID();

    @Inject
    Pool pool;

    /**
     * Runs {@code work} unless another replica already ran (or is running) {@code job} for {@code period}.
     *
     * @param lease how long a run may take before another replica may assume this one died
     * @return true when this replica ran it
     */
    public Uni<Boolean> runOnce(String job, String period, Duration lease, Supplier<Uni<?>> work) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(job, period, me, (double) lease.toSeconds()))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        LOG.debugf("job %s %s: done or running elsewhere, skipped", job, period);
                        return Uni.createFrom().item(false);
                    }
                    return Uni.createFrom().deferred(work)
                            .onFailure().call(e -> pool.preparedQuery(RELEASE)
                                    .execute(Tuple.of(job, period, me, String.valueOf(e.getMessage())))
                                    .onFailure().recoverWithNull())
                            .chain(() -> pool.preparedQuery(DONE).execute(Tuple.of(job, period, me)))
                            .replaceWith(true);
                });
    }

    /**
     * An SQL condition, true when no replica holds a live claim on ({@code job}, {@code period}): for a query that looks
     * for work whose run died (its lease ran out, or it never was claimed), without knowing this class's table.
     *
     * @param job    the SQL expression of the job's name (a parameter, say {@code $2})
     * @param period the SQL expression of the period (say {@code c.id::text})
     */
    public static String noLiveClaim(String job, String period) {
        return "not exists (select 1 from job_run j where j.job = " + job + " and j.period = " + period + " and j.lease_until >= now())";
    }

    /**
     * {@link #runOnce} for work that may last longer than its lease (a job per campaign, say): while the work runs, this
     * replica renews its claim every third of the lease, so no other replica takes over a run that is alive. When this
     * replica dies the renewals stop and, once the lease has run out, the next claim of the same period (on any replica)
     * runs the work again.
     */
    public Uni<Boolean> runRenewing(String job, String period, Duration lease, Supplier<Uni<?>> work) {
        Tuple renew = Tuple.of(job, period, me, (double) lease.toSeconds());
        return runOnce(job, period, lease, () -> {
            Cancellable renewals = Multi.createFrom().ticks().every(lease.dividedBy(3)).onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> pool.preparedQuery(RENEW).execute(renew)
                            .onFailure().invoke(e -> LOG.warnf("job %s %s: lease not renewed (%s), next try in %s", job, period,
                                    e.getMessage(), lease.dividedBy(3)))
                            .onFailure().recoverWithNull())
                    .subscribe().with(rows -> { }, e -> LOG.errorf(e, "job %s %s: lease renewals stopped", job, period));
            return Uni.createFrom().deferred(work).onTermination().invoke(renewals::cancel);
        });
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
