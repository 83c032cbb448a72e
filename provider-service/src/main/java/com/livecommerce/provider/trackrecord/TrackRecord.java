package com.livecommerce.provider.trackrecord;

import com.livecommerce.plumbing.outbox.Outbox;
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
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A provider's track record from completed engagements: served GMV over the trailing 12 months
 * (GMV of its merchants during the engagements completed in the last 365 days) and distinct
 * merchants whose leap was credited to it. Recomputing it may move the tier or the badge, which
 * publishes ProviderTierChanged. Runs in the caller's transaction.
 */
@ApplicationScoped
public class TrackRecord {

    private static final String SERVED = "select coalesce(sum(gmv_during), 0) from engagement_outcome"
            + " where provider_id = :provider and completed_on > :since";
    private static final String LEAPT = "select count(distinct merchant_id) from engagement_outcome"
            + " where provider_id = :provider and leap";

    @Inject
    TierPolicy policy;

    @Inject
    Outbox outbox;

    private volatile Clock clock = Clock.systemUTC();

    /** For tests: the clock that decides which engagements still fall in the trailing 12 months. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Daily, the trailing year moves on: providers whose served GMV came from engagements that
     * are now older than 365 days lose it (and may drop a tier). Each provider in its own transaction.
     */
    @Scheduled(cron = "{provider.track-record.recompute-cron:0 30 1 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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

    public Uni<Void> recompute(Provider p) {
        LocalDate since = LocalDate.now(clock).minusDays(365);
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
        p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Uni<Void> flushed = Panache.flush();
        if (!moved) {
            return flushed;
        }
        return flushed.chain(() -> outbox.publish(ProviderEvents.TOPIC, ProviderEvents.TIER_CHANGED, p.id.toString(),
                new ProviderEvent(ProviderView.of(p), null, previousTier, previousBadge))).replaceWithVoid();
    }
}
