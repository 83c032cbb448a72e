package com.livecommerce.provider.trackrecord;

import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.provider.Badge;
import com.livecommerce.provider.provider.Provider;
import com.livecommerce.provider.provider.ProviderEvent;
import com.livecommerce.provider.provider.ProviderEvents;
import com.livecommerce.provider.provider.ProviderView;
import com.livecommerce.provider.provider.Tier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A provider's track record from completed engagements: served GMV over the trailing 12 months
 * (GMV of its merchants during the engagements completed in the last 365 days, by the UTC calendar)
 * and distinct merchants whose leap was credited to it. Recomputing it may move the tier or the badge,
 * which publishes ProviderTierChanged. Runs in the caller's transaction.
 */
@ApplicationScoped
public class TrackRecord {

    /** The daily recomputation's job name in {@code job_run}. */
    public static final String JOB = "trailing-year";

    private static final String RECORD = "insert into engagement_outcome"
            + " (engagement_id, provider_id, merchant_id, completed_on, gmv_before, gmv_during, rating, leap)"
            + " values (:engagement, :provider, :merchant, :completed, :before, :during, :rating, :leap)"
            + " on conflict (engagement_id) do nothing";
    private static final String SERVED = "select coalesce(sum(gmv_during), 0) from engagement_outcome"
            + " where provider_id = :provider and completed_on > :since";
    private static final String LEAPT = "select count(distinct merchant_id) from engagement_outcome"
            + " where provider_id = :provider and leap";

    @Inject
    TierPolicy policy;

    @Inject
    Outbox outbox;

    @Inject
    UtcClock clock;

    @Inject
    ClusterJobs jobs;

    /** Daily at 01:30 UTC; each UTC day is recomputed once across replicas. */
    @Scheduled(identity = JOB, cron = "{provider.track-record.recompute-cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return jobs.runOnce(JOB, clock.today().toString(), Duration.ofHours(1), this::recomputeAll).replaceWithVoid();
    }

    /**
     * The trailing year moves on: providers whose served GMV came from engagements that are now older
     * than 365 days lose it (and may drop a tier). Each provider in its own transaction.
     */
    public Uni<Void> recomputeAll() {
        return Panache.withSession(() -> Provider.<Provider>find("servedGmv12m > 0 or tier <> ?1 or badge <> ?2", Tier.NONE, Badge.NONE)
                        .project(IdOnly.class).list())
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (IdOnly p : ids) {
                        chain = chain.chain(() -> Panache.withTransaction(() -> Provider.<Provider>findById(p.id())
                                .chain(provider -> provider == null ? Uni.createFrom().voidItem() : recompute(provider))));
                    }
                    return chain;
                });
    }

    /** Projection of a provider to its id. */
    public record IdOnly(UUID id) {
    }

    /** Records a completed engagement of {@code p} once per engagement id, then recomputes its track record. */
    Uni<Void> record(Provider p, EngagementEventsConsumer.Outcome o) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD)
                        .setParameter("engagement", o.engagement())
                        .setParameter("provider", o.provider())
                        .setParameter("merchant", o.merchant())
                        .setParameter("completed", o.completedOn())
                        .setParameter("before", o.gmvBefore())
                        .setParameter("during", o.gmvDuring())
                        .setParameter("rating", o.rating())
                        .setParameter("leap", o.leap())
                        .executeUpdate())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem() : recompute(p));
    }

    public Uni<Void> recompute(Provider p) {
        LocalDate since = clock.today().minusDays(365);
        return Panache.getSession().chain(s -> s.createNativeQuery(SERVED, BigDecimal.class)
                .setParameter("provider", p.id).setParameter("since", since).getSingleResult()
                .chain(served -> s.createNativeQuery(LEAPT, Long.class).setParameter("provider", p.id).getSingleResult()
                        .chain(leapt -> apply(p, served, leapt.intValue()))));
    }

    Uni<Void> apply(Provider p, BigDecimal served, int leapt) {
        Tier tier = policy.tier(served);
        Badge badge = policy.badge(leapt);
        Tier previousTier = p.tier;
        Badge previousBadge = p.badge;
        boolean moved = tier != previousTier || badge != previousBadge;
        if (served.compareTo(p.servedGmv12m) == 0 && leapt == p.merchantsLeapt && !moved) {
            return Uni.createFrom().voidItem();
        }
        p.servedGmv12m = served;
        p.merchantsLeapt = leapt;
        p.tier = tier;
        p.badge = badge;
        p.updatedAt = clock.now();
        Uni<Void> flushed = Panache.flush();
        if (!moved) {
            return flushed;
        }
        return flushed.chain(() -> outbox.publish(ProviderEvents.TOPIC, ProviderEvents.TIER_CHANGED, p.id.toString(),
                new ProviderEvent(ProviderView.of(p), null, previousTier, previousBadge, null))).replaceWithVoid();
    }
}
