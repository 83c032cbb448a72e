package com.livecommerce.provider.provider;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProviderRepository implements PanacheRepositoryBase<Provider, UUID> {

    /** Filters; null means any. */
    public record Filter(ProviderType type, String category, String region, ProviderStatus status, Tier tier) {
    }

    public Uni<List<Provider>> list(Filter filter, int offset, int size) {
        Query q = query(filter);
        return find(q.where, Sort.by("createdAt").and("id"), q.params).range(offset, offset + size - 1).list();
    }

    public Uni<Long> count(Filter filter) {
        Query q = query(filter);
        return count(q.where, q.params);
    }

    private record Query(String where, Parameters params) {
    }

    private static Query query(Filter f) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.type() != null) {
            clauses.add("type = :type");
            params.and("type", f.type());
        }
        if (f.category() != null) {
            clauses.add("categories like :category");
            params.and("category", CodeList.containing(f.category()));
        }
        if (f.region() != null) {
            clauses.add("regions like :region");
            params.and("region", CodeList.containing(f.region().replace("%", "").replace("_", "\\_")));
        }
        if (f.status() == ProviderStatus.SUSPENDED) {
            clauses.add("suspended = true");
        } else if (f.status() != null) {
            clauses.add("suspended = false and admission = :admission");
            params.and("admission", AdmissionStatus.valueOf(f.status().name()));
        }
        if (f.tier() != null) {
            clauses.add("tier = :tier");
            params.and("tier", f.tier());
        }
        return new Query(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), params);
    }
}
