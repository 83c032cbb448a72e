package com.livecommerce.merchant.ledger;

import com.livecommerce.plumbing.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reporting queries of the ledger feature, on the reactive pool: a merchant's GMV per day or month. */
@ApplicationScoped
public class LedgerQueries {

    private static final String LATEST = "select (select max(entry_date) from gmv_entry where merchant_id = $1) as latest,"
            + " exists(select 1 from merchant where id = $1) as known";
    private static final String DAYS = "select to_char(entry_date, 'YYYY-MM-DD') as period, sum(gmv) as gmv, sum(orders) as orders"
            + " from gmv_entry where merchant_id = $1 and entry_date between $2 and $3 group by period order by period";
    private static final String MONTHS = "select to_char(entry_date, 'YYYY-MM') as period, sum(gmv) as gmv, sum(orders) as orders"
            + " from gmv_entry where merchant_id = $1 and entry_date between $2 and $3 group by period order by period";

    public enum Granularity {
        DAY, MONTH
    }

    @Inject
    Pool pool;

    /** The merchant's latest ledger date (null without entries), or a 404 problem when the merchant does not exist. */
    public Uni<LocalDate> latestEntryDate(UUID merchantId) {
        return pool.preparedQuery(LATEST).execute(Tuple.of(merchantId)).map(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean("known")) {
                throw ProblemException.notFound("merchant", merchantId);
            }
            return row.getLocalDate("latest");
        });
    }

    public Uni<GmvSeries> series(UUID id, LocalDate from, LocalDate to, Granularity granularity) {
        return pool.preparedQuery(granularity == Granularity.MONTH ? MONTHS : DAYS).execute(Tuple.of(id, from, to))
                .map(rows -> {
                    List<GmvSeries.Point> points = new ArrayList<>();
                    BigDecimal total = BigDecimal.ZERO.setScale(2);
                    long orders = 0;
                    for (Row r : rows) {
                        BigDecimal gmv = r.getBigDecimal("gmv");
                        long o = r.getLong("orders");
                        points.add(new GmvSeries.Point(r.getString("period"), gmv, o));
                        total = total.add(gmv);
                        orders += o;
                    }
                    return new GmvSeries(id, from, to, granularity.name().toLowerCase(java.util.Locale.ROOT), total, orders, points);
                });
    }
}
