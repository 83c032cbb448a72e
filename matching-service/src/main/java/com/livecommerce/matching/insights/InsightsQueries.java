package com.livecommerce.matching.insights;

import com.livecommerce.plumbing.time.Period;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ecosystem report, from the read models and the engagements (one statement for the merchants, one for the
 * leaps). Periods are UTC calendar periods; "served in the later period" = an engagement activated before the later
 * period ends and not completed or terminated before it starts. Growth is aggregate (sum later / sum earlier - 1),
 * exact until rounded to 6 decimals.
 */
@ApplicationScoped
public class InsightsQueries {

    private static final String MERCHANTS = "with per as (select merchant_id,"
            + " coalesce(sum(gmv) filter (where entry_date >= $1 and entry_date < $2), 0) as e,"
            + " coalesce(sum(gmv) filter (where entry_date >= $3 and entry_date < $4), 0) as l"
            + " from merchant_gmv where (entry_date >= $1 and entry_date < $2) or (entry_date >= $3 and entry_date < $4)"
            + " group by merchant_id),"
            + " served as (select distinct merchant_id from engagement where activated_at is not null and activated_at < $6"
            + " and coalesce(completed_at, terminated_at, 'infinity'::timestamptz) >= $5)"
            + " select count(*) as active,"
            + " count(*) filter (where per.l <= per.e) as stalled,"
            + " count(s.merchant_id) as served,"
            + " coalesce(sum(per.e) filter (where s.merchant_id is not null), 0) as served_e,"
            + " coalesce(sum(per.l) filter (where s.merchant_id is not null), 0) as served_l,"
            + " coalesce(sum(per.e) filter (where s.merchant_id is null), 0) as unserved_e,"
            + " coalesce(sum(per.l) filter (where s.merchant_id is null), 0) as unserved_l"
            + " from per left join served s on s.merchant_id = per.merchant_id where per.e > 0 or per.l > 0";

    private static final String LEAPS = "select p.type, count(*) as leaps from engagement e join provider_view p on p.id = e.provider_id"
            + " where e.status = 'COMPLETED' and e.leap and e.completed_at >= $1 and e.completed_at < $2 group by p.type";

    @Inject
    Pool pool;

    public Uni<EcosystemInsights> ecosystem(Period earlier, Period later) {
        var laterStart = later.start().atStartOfDay().atOffset(ZoneOffset.UTC);
        var laterEnd = later.endExclusive().atStartOfDay().atOffset(ZoneOffset.UTC);
        Tuple merchants = Tuple.tuple().addValue(earlier.start()).addValue(earlier.endExclusive()).addValue(later.start())
                .addValue(later.endExclusive()).addValue(laterStart).addValue(laterEnd);
        return pool.preparedQuery(MERCHANTS).execute(merchants).chain(rows -> {
            Row r = rows.iterator().next();
            return pool.preparedQuery(LEAPS).execute(Tuple.of(laterStart, laterEnd)).map(leapRows -> {
                Map<String, Long> leaps = new LinkedHashMap<>();
                for (String type : List.of("MCN", "INDUSTRIAL_BELT", "BRAND")) {
                    leaps.put(type, 0L);
                }
                leapRows.forEach(l -> leaps.put(l.getString("type"), l.getLong("leaps")));
                long active = r.getLong("active");
                long served = r.getLong("served");
                EcosystemInsights.Group servedGroup = group(served, r.getBigDecimal("served_e"), r.getBigDecimal("served_l"));
                EcosystemInsights.Group unservedGroup = group(active - served, r.getBigDecimal("unserved_e"), r.getBigDecimal("unserved_l"));
                return new EcosystemInsights(earlier.label(), later.label(), active, served, share(served, active),
                        r.getLong("stalled"), share(r.getLong("stalled"), active), servedGroup, unservedGroup,
                        ratio(r.getBigDecimal("served_e"), r.getBigDecimal("served_l"), r.getBigDecimal("unserved_e"),
                                r.getBigDecimal("unserved_l")), leaps);
            });
        });
    }

    static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    static EcosystemInsights.Group group(long merchants, BigDecimal earlier, BigDecimal later) {
        BigDecimal growth = earlier.signum() == 0 ? null : later.divide(earlier, 6, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE);
        return new EcosystemInsights.Group(merchants, earlier, later, growth);
    }

    /** (sl/se - 1) / (ul/ue - 1) = ue (sl - se) / (se (ul - ue)), exactly, then 6 decimals; null unless both are defined and unserved grew. */
    static BigDecimal ratio(BigDecimal se, BigDecimal sl, BigDecimal ue, BigDecimal ul) {
        if (se.signum() == 0 || ue.signum() == 0 || ul.compareTo(ue) <= 0) {
            return null;
        }
        BigDecimal numerator = ue.multiply(sl.subtract(se));
        BigDecimal denominator = se.multiply(ul.subtract(ue));
        return numerator.divide(denominator, MathContext.DECIMAL128).setScale(6, RoundingMode.HALF_EVEN);
    }
}
