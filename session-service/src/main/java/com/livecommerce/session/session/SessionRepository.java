package com.livecommerce.session.session;

import com.livecommerce.plumbing.persistence.WhereClause;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {

    /** Filters; null means any. */
    public record Filter(UUID merchantId, UUID providerId, UUID operatorId, SessionStatus status) {
    }

    public PanacheQuery<LiveSession> filtered(Filter f) {
        WhereClause where = new WhereClause()
                .and("merchantId = :merchantId", "merchantId", f.merchantId())
                .and("providerId = :providerId", "providerId", f.providerId())
                .and("operatorId = :operatorId", "operatorId", f.operatorId())
                .and("status = :status", "status", f.status());
        return find(where.query(), Sort.by("scheduledStart").and("id"), where.params());
    }
}
