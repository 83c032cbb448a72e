package com.livecommerce.plumbing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * The suite's one rule for providers reading a merchant's data: a provider may read it only while an engagement
 * between them is ACTIVE. Each service that serves merchant data to providers keeps the grants in its own
 * database (table {@code access_grant}, Flyway location {@code db/access-grants}) from {@code engagement-events}:
 * its consumer of that topic passes every event to {@link #apply} inside the IdempotentConsumer's transaction, and
 * its resources ask {@link TenantGuard#requireMerchantOrEngagedProvider}.
 * <p>
 * Each event carries the engagement after the change; the highest {@code version} of an engagement wins, so a
 * duplicate or an event out of order changes nothing (without a {@code version}, the lifecycle's order stands in:
 * proposed 0, accepted 1, activated 2, completed or terminated 3). Statuses come from {@code status}, else from the
 * event type.
 */
@ApplicationScoped
public class AccessGrants {

    public static final String ACTIVE = "ACTIVE";

    private static final Map<String, String> STATUS_OF_TYPE = Map.of("EngagementProposed", "PROPOSED", "EngagementAccepted", "ACCEPTED",
            "EngagementActivated", ACTIVE, "EngagementCompleted", "COMPLETED", "EngagementTerminated", "TERMINATED");
    private static final Map<String, Long> RANK = Map.of("PROPOSED", 0L, "ACCEPTED", 1L, ACTIVE, 2L, "COMPLETED", 3L, "TERMINATED", 3L);

    private static final String UPSERT = "insert into access_grant as g (engagement_id, merchant_id, provider_id, status, version, updated_at)"
            + " values (:engagement, :merchant, :provider, :status, :version, now())"
            + " on conflict (engagement_id) do update set status = excluded.status, version = excluded.version, updated_at = now()"
            + " where excluded.version > g.version";

    private static final String ACTIVE_GRANT = "select exists(select 1 from access_grant where merchant_id = $1 and provider_id = $2"
            + " and status = 'ACTIVE') as granted";

    @Inject
    Pool pool;

    /** True when {@code type} is one of the engagement events this keeps grants from. */
    public static boolean handles(String type) {
        return STATUS_OF_TYPE.containsKey(type);
    }

    /**
     * Records what an engagement event says about access, in the caller's transaction (the IdempotentConsumer's).
     * Other event types change nothing; an event without the engagement, merchant or provider id is poison.
     */
    public Uni<Void> apply(ReceivedEvent event) {
        if (!handles(event.type())) {
            return Uni.createFrom().voidItem();
        }
        UUID engagement = event.requireUuid("engagementId");
        UUID merchant = event.requireUuid("merchantId");
        UUID provider = event.requireUuid("providerId");
        JsonNode statusNode = event.at("status");
        String status = statusNode != null && statusNode.isTextual() ? statusNode.asText() : STATUS_OF_TYPE.get(event.type());
        if (!RANK.containsKey(status)) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " has an unknown status '" + status + "'");
        }
        JsonNode versionNode = event.at("version");
        long version;
        if (versionNode == null || versionNode.isNull()) {
            version = RANK.get(status);
        } else if (versionNode.isIntegralNumber() && versionNode.asLong() >= 0) {
            version = versionNode.asLong();
        } else {
            throw new PoisonMessageException(event.type() + " " + event.id() + " has an invalid 'version' " + versionNode);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("engagement", engagement)
                .setParameter("merchant", merchant)
                .setParameter("provider", provider)
                .setParameter("status", status)
                .setParameter("version", version)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** True while an engagement between the merchant and the provider is ACTIVE. */
    public Uni<Boolean> active(UUID merchant, UUID provider) {
        return pool.preparedQuery(ACTIVE_GRANT).execute(Tuple.of(merchant, provider))
                .map(rows -> rows.iterator().next().getBoolean("granted"));
    }
}
