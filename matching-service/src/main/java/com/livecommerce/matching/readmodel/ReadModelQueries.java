package com.livecommerce.matching.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Reads of the read-model tables that the in-memory index does not hold (the ledger). */
@ApplicationScoped
public class ReadModelQueries {

    @Inject
    Pool pool;

    /** The merchant's ledger as matching knows it: entries, total, first and last day. */
    public record LedgerSummary(long entries, BigDecimal totalGmv, LocalDate firstDate, LocalDate lastDate) {
    }

    public Uni<LedgerSummary> ledger(UUID merchant) {
        return pool.preparedQuery("select count(*) as n, coalesce(sum(gmv), 0) as total, min(entry_date) as first,"
                        + " max(entry_date) as last from merchant_gmv where merchant_id = $1")
                .execute(Tuple.of(merchant))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new LedgerSummary(r.getLong("n"), r.getBigDecimal("total"), r.getLocalDate("first"), r.getLocalDate("last"));
                });
    }
}
