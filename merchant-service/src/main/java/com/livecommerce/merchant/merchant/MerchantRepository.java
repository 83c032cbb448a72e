package com.livecommerce.merchant.merchant;

import com.livecommerce.plumbing.persistence.WhereClause;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class MerchantRepository implements PanacheRepositoryBase<Merchant, UUID> {

    /** Filters; null means any. */
    public record Filter(MerchantKind kind, String category, String region, MerchantStage stage) {
    }

    public PanacheQuery<Merchant> filtered(Filter f) {
        WhereClause where = new WhereClause()
                .and("kind = :kind", "kind", f.kind())
                .and("category = :category", "category", f.category())
                .and("region = :region", "region", f.region())
                .and("stage = :stage", "stage", f.stage());
        return find(where.query(), Sort.by("createdAt").and("id"), where.params());
    }
}
