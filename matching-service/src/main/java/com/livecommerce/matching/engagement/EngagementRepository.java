package com.livecommerce.matching.engagement;

import com.livecommerce.plumbing.persistence.WhereClause;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class EngagementRepository implements PanacheRepositoryBase<Engagement, UUID> {

    /** Filters; null means any. */
    public record Filter(UUID merchantId, UUID providerId, EngagementStatus status, UUID campaignId) {
    }

    public PanacheQuery<Engagement> filtered(Filter f) {
        WhereClause where = new WhereClause()
                .and("merchantId = :merchant", "merchant", f.merchantId())
                .and("providerId = :provider", "provider", f.providerId())
                .and("status = :status", "status", f.status())
                .and("campaignId = :campaign", "campaign", f.campaignId());
        return find(where.query(), Sort.by("proposedAt").and("id"), where.params());
    }
}
