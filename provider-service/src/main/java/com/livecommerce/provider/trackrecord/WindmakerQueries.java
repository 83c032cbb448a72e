package com.livecommerce.provider.trackrecord;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reporting SQL of the Windmaker program (造风者计划), on the reactive pool. */
@ApplicationScoped
public class WindmakerQueries {

    /** Providers in good standing at least at each level (a BILLION provider also counts toward HUNDRED_MILLION). */
    public record Counts(long billion, long hundredMillion, long incubator50, long incubator20) {
    }

    private static final String COUNTS = "select count(*) filter (where tier = 'BILLION') as billion,"
            + " count(*) filter (where tier in ('BILLION', 'HUNDRED_MILLION')) as hundred_million,"
            + " count(*) filter (where badge = 'INCUBATOR_50') as incubator_50,"
            + " count(*) filter (where badge in ('INCUBATOR_50', 'INCUBATOR_20')) as incubator_20"
            + " from provider where admission = 'ADMITTED' and not suspended";

    @Inject
    Pool pool;

    /** Counts only providers in good standing: admitted and not suspended. */
    public Uni<Counts> inGoodStanding() {
        return pool.query(COUNTS).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new Counts(r.getLong("billion"), r.getLong("hundred_million"), r.getLong("incubator_50"), r.getLong("incubator_20"));
        });
    }
}
