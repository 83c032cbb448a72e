package com.livecommerce.plumbing.idempotency;

import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes the {@code idempotency_key} rows older than {@code suite.idempotency.retention} (24 h): hourly at minute 17
 * (UTC), once per hour across replicas ({@link ClusterJobs}). A key older than that which is still there is treated as
 * gone by {@link Idempotency} itself, so the purge only keeps the table small.
 */
@ApplicationScoped
public class IdempotencyRetention {

    private static final Logger LOG = Logger.getLogger(IdempotencyRetention.class);

    private static final String PURGE = "delete from idempotency_key where created_at < now() - make_interval(secs => $1)";

    @Inject
    Pool pool;

    @Inject
    ClusterJobs jobs;

    @Inject
    UtcClock clock;

    @ConfigProperty(name = "suite.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    @Scheduled(identity = "idempotency-retention", cron = "{suite.idempotency.retention-cron:0 17 * * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> hourly() {
        String hour = clock.instant().truncatedTo(ChronoUnit.HOURS).toString();
        return jobs.runOnce("idempotency-retention", hour, Duration.ofMinutes(30), this::purge)
                .onFailure().invoke(e -> LOG.warnf("idempotency key purge failed, retried next hour: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the keys older than the retention now; returns how many went. */
    public Uni<Integer> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) retention.toSeconds())).map(rows -> rows.rowCount())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("purged %d idempotency keys", n);
                    }
                });
    }
}
