package com.livecommerce.merchant.merchant;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MerchantRepository implements PanacheRepositoryBase<Merchant, UUID> {

    /** Filters; null means any. */
    public record Filter(MerchantKind kind, String category, String region, MerchantStage stage) {
    }

    public Uni<List<Merchant>> list(Filter filter, int offset, int size) {
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
        if (f.kind() != null) {
            clauses.add("kind = :kind");
            params.and("kind", f.kind());
        }
        if (f.category() != null) {
            clauses.add("category = :category");
            params.and("category", f.category());
        }
        if (f.region() != null) {
            clauses.add("region = :region");
            params.and("region", f.region());
        }
        if (f.stage() != null) {
            clauses.add("stage = :stage");
            params.and("stage", f.stage());
        }
        return new Query(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), params);
    }
}
