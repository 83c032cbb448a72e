package com.livecommerce.merchant.merchant;

import com.livecommerce.plumbing.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Read queries of the merchant feature on the reactive pool. GET /merchants/{id} is the hot read
 * path: the reactive SQL client reads the row without opening a Hibernate session (about a fifth of
 * the request's CPU). Writes go through {@link MerchantService} and the entity.
 */
@ApplicationScoped
public class MerchantQueries {

    private static final String BY_ID = "select id, name, kind, category, region, followers, trust_rights, repurchase_rate,"
            + " stage, version, created_at, updated_at from merchant where id = $1";

    @Inject
    Pool pool;

    public Uni<MerchantView> byId(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("merchant", id);
            }
            Row r = rows.iterator().next();
            return new MerchantView(r.getUUID("id"), r.getString("name"), MerchantKind.valueOf(r.getString("kind")),
                    r.getString("category"), r.getString("region"), r.getLong("followers"), r.getBoolean("trust_rights"),
                    r.getBigDecimal("repurchase_rate"), MerchantStage.valueOf(r.getString("stage")), r.getLong("version"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
        });
    }
}
