package com.livecommerce.merchant.growth;

import com.livecommerce.plumbing.time.Period;

import com.livecommerce.merchant.merchant.MerchantKind;
import com.livecommerce.merchant.merchant.MerchantStage;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reporting queries of the growth feature, on the reactive pool: growth between two periods per
 * merchant and across the platform (stall detection), and the stage windows of a page of merchants
 * for the daily reassessment.
 */
@ApplicationScoped
public class GrowthQueries {

    private static final String PER_MERCHANT = "with per as ("
            + " select merchant_id,"
            + "  coalesce(sum(gmv) filter (where entry_date >= $1 and entry_date < $2), 0) as earlier_gmv,"
            + "  coalesce(sum(gmv) filter (where entry_date >= $3 and entry_date < $4), 0) as later_gmv"
            + " from gmv_entry"
            + " where (entry_date >= $1 and entry_date < $2) or (entry_date >= $3 and entry_date < $4)"
            + " group by merchant_id)";

    private static final String COUNTS = PER_MERCHANT
            + " select count(*) filter (where earlier_gmv > 0 or later_gmv > 0) as active,"
            + " count(*) filter (where (earlier_gmv > 0 or later_gmv > 0) and later_gmv <= earlier_gmv) as stalled from per";

    private static final String STALLED = PER_MERCHANT
            + " select m.id, m.name, m.kind, m.category, m.region, m.stage, per.earlier_gmv, per.later_gmv from per"
            + " join merchant m on m.id = per.merchant_id"
            + " where (per.earlier_gmv > 0 or per.later_gmv > 0) and per.later_gmv <= per.earlier_gmv"
            + " order by per.later_gmv / per.earlier_gmv, m.id limit $5 offset $6";

    private static final String ONE = "select exists(select 1 from merchant where id = $5) as known,"
            + " (select coalesce(sum(gmv), 0) from gmv_entry where merchant_id = $5 and entry_date >= $1 and entry_date < $2) as earlier_gmv,"
            + " (select coalesce(sum(gmv), 0) from gmv_entry where merchant_id = $5 and entry_date >= $3 and entry_date < $4) as later_gmv";

    /** A page of merchants (keyset by id) with their stored stage and the GMV of their stage windows as of $5. */
    private static final String STAGE_CANDIDATES = "select m.id, m.stage,"
            + " coalesce(sum(g.gmv) filter (where g.entry_date <= $3), 0) as before_trailing,"
            + " coalesce(sum(g.gmv) filter (where g.entry_date > $4 and g.entry_date <= $3), 0) as prior,"
            + " coalesce(sum(g.gmv) filter (where g.entry_date > $3), 0) as recent"
            + " from (select id, stage from merchant where id > $1 order by id limit $2) m"
            + " left join gmv_entry g on g.merchant_id = m.id and g.entry_date <= $5"
            + " group by m.id, m.stage order by m.id";

    @Inject
    Pool pool;

    /** A merchant, its stored stage and its stage windows as of a day. */
    public record StageCandidate(UUID merchantId, MerchantStage stage, StageClassifier.Windows windows) {
    }

    public Uni<List<StageCandidate>> stageCandidates(UUID after, int limit, java.time.LocalDate asOf, int windowDays) {
        return pool.preparedQuery(STAGE_CANDIDATES)
                .execute(Tuple.of(after, limit, asOf.minusDays(windowDays), asOf.minusDays(2L * windowDays), asOf))
                .map(rows -> {
                    List<StageCandidate> page = new ArrayList<>();
                    for (Row r : rows) {
                        page.add(new StageCandidate(r.getUUID("id"), MerchantStage.valueOf(r.getString("stage")),
                                new StageClassifier.Windows(r.getBigDecimal("before_trailing"), r.getBigDecimal("prior"),
                                        r.getBigDecimal("recent"))));
                    }
                    return page;
                });
    }

    public Uni<GrowthReport> growth(UUID merchantId, Period earlier, Period later) {
        return pool.preparedQuery(ONE).execute(periods(earlier, later).addUUID(merchantId)).chain(rows -> {
            Row r = rows.iterator().next();
            if (!r.getBoolean("known")) {
                return Uni.createFrom().failure(ProblemException.notFound("merchant", merchantId));
            }
            BigDecimal e = money(r.getBigDecimal("earlier_gmv"));
            BigDecimal l = money(r.getBigDecimal("later_gmv"));
            return Uni.createFrom().item(new GrowthReport(merchantId, earlier.label(), later.label(), e, l,
                    Growth.rate(e, l), Growth.active(e, l), Growth.stalled(e, l)));
        });
    }

    public Uni<StalledPage> stalled(Period earlier, Period later, PageRequest paging) {
        return pool.preparedQuery(COUNTS).execute(periods(earlier, later)).chain(counts -> {
            Row c = counts.iterator().next();
            long active = c.getLong("active");
            long stalled = c.getLong("stalled");
            return pool.preparedQuery(STALLED).execute(periods(earlier, later).addInteger(paging.size()).addInteger(paging.offset()))
                    .map(rows -> {
                        List<StalledPage.Item> items = new ArrayList<>();
                        for (Row r : rows) {
                            BigDecimal e = money(r.getBigDecimal("earlier_gmv"));
                            BigDecimal l = money(r.getBigDecimal("later_gmv"));
                            items.add(new StalledPage.Item(r.getUUID("id"), r.getString("name"),
                                    MerchantKind.valueOf(r.getString("kind")), r.getString("category"), r.getString("region"),
                                    MerchantStage.valueOf(r.getString("stage")), e, l, Growth.rate(e, l)));
                        }
                        return new StalledPage(items, paging.page(), paging.size(), stalled, active,
                                Growth.share(stalled, active), earlier.label(), later.label());
                    });
        });
    }

    private static Tuple periods(Period earlier, Period later) {
        return Tuple.of(earlier.start(), earlier.endExclusive(), later.start(), later.endExclusive());
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
