package com.livecommerce.provider.provider;

import com.livecommerce.plumbing.persistence.WhereClause;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ProviderRepository implements PanacheRepositoryBase<Provider, UUID> {

    /** Filters; null means any. */
    public record Filter(ProviderType type, String category, String region, ProviderStatus status, Tier tier) {
    }

    public PanacheQuery<Provider> filtered(Filter f) {
        WhereClause where = new WhereClause()
                .and("type = :type", "type", f.type())
                .and("categories like :category", "category", f.category() == null ? null : CodeList.containing(f.category()))
                .and("regions like :region", "region", f.region() == null ? null : CodeList.containing(f.region()))
                .andIf(f.status() == ProviderStatus.SUSPENDED, "suspended = true")
                .and("suspended = false and admission = :admission", "admission",
                        f.status() == null || f.status() == ProviderStatus.SUSPENDED ? null : AdmissionStatus.valueOf(f.status().name()))
                .and("tier = :tier", "tier", f.tier());
        return find(where.query(), Sort.by("createdAt").and("id"), where.params());
    }
}
