package com.livecommerce.plumbing.events;

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
 * Keeps the plumbing tables from growing without end: sent outbox rows and the ids of processed
 * events are deleted once older than their retention ({@code suite.outbox.retention},
 * {@code suite.events.processed-retention}, default 30 days each). Hourly at minute 7 (UTC), once
 * per hour across replicas. A redelivery older than the retention is still applied once, because
 * every consumer also de-duplicates by what the event means (a ledger source id, a session id, an
 * engagement id).
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    private static final String PURGE_SENT = "delete from outbox_event where sent_at < now() - make_interval(secs => $1)";
    private static final String PURGE_PROCESSED = "delete from processed_event where processed_at < now() - make_interval(secs => $1)";

    @Inject
    Pool pool;

    @Inject
    ClusterJobs jobs;

    @Inject
    UtcClock clock;

    @ConfigProperty(name = "suite.outbox.retention", defaultValue = "P30D")
    Duration sentRetention;

    @ConfigProperty(name = "suite.events.processed-retention", defaultValue = "P30D")
    Duration processedRetention;

    public record Purged(long outboxRows, long processedEvents) {
    }

    @Scheduled(identity = "event-retention", cron = "{suite.events.retention-cron:0 7 * * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> hourly() {
        String hour = clock.instant().truncatedTo(ChronoUnit.HOURS).toString();
        return jobs.runOnce("event-retention", hour, Duration.ofMinutes(30), this::purge)
                .onFailure().invoke(e -> LOG.warnf("event retention purge failed, retried next hour: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes what is older than its retention now; returns how many rows of each went. */
    public Uni<Purged> purge() {
        return pool.preparedQuery(PURGE_SENT).execute(Tuple.of((double) sentRetention.toSeconds()))
                .chain(sent -> pool.preparedQuery(PURGE_PROCESSED).execute(Tuple.of((double) processedRetention.toSeconds()))
                        .map(processed -> new Purged(sent.rowCount(), processed.rowCount())))
                .invoke(p -> {
                    if (p.outboxRows() + p.processedEvents() > 0) {
                        LOG.infof("purged %d sent outbox rows and %d processed event ids", p.outboxRows(), p.processedEvents());
                    }
                });
    }
}
