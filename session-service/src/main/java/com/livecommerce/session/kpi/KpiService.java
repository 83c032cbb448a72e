package com.livecommerce.session.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.session.session.LiveSession;
import com.livecommerce.session.session.SessionAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A session's KPIs as any instance answers them: its final KPIs once it is closed (stored with the session),
 * else the latest snapshot of the aggregation (this instance's global store) with DOMAIN.md's formulas.
 */
@ApplicationScoped
public class KpiService {

    static final String BASELINE = "select avg(final_gmv) as baseline from live_session"
            + " where merchant_id = $1 and finalized_at is not null and ended_at < $2 and id <> $3";

    @Inject
    KpiStreams streams;

    @Inject
    Pool pool;

    @Inject
    UtcClock clock;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "session.kpi.bestseller-threshold", defaultValue = "500000")
    BigDecimal bestsellerThreshold;

    static final String SESSION = "select id, merchant_id, provider_id, operator_id, status, started_at, ended_at, planned_minutes,"
            + " gmv_target, ad_budget_paid_promotion, ad_budget_fan_boost, final_kpis::text as final_kpis from live_session where id = $1";

    /** The caller's view of a session's KPIs; the read path uses the reactive pool only (any thread, no Hibernate session). */
    public Uni<SessionKpis> kpis(UUID id, SessionAccess.Caller caller) {
        return session(id).chain(caller::checkRead).chain(this::kpis);
    }

    /** The session as the KPI path reads it (a detached entity), or a 404 problem. */
    public Uni<LiveSession> session(UUID id) {
        return pool.preparedQuery(SESSION).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw com.livecommerce.plumbing.problem.ProblemException.notFound("session", id);
            }
            var r = rows.iterator().next();
            LiveSession s = new LiveSession();
            s.id = r.getUUID("id");
            s.merchantId = r.getUUID("merchant_id");
            s.providerId = r.getUUID("provider_id");
            s.operatorId = r.getUUID("operator_id");
            s.status = com.livecommerce.session.session.SessionStatus.valueOf(r.getString("status"));
            s.startedAt = r.getOffsetDateTime("started_at");
            s.endedAt = r.getOffsetDateTime("ended_at");
            s.plannedMinutes = r.getInteger("planned_minutes");
            s.gmvTarget = r.getBigDecimal("gmv_target");
            s.adBudgetPaidPromotion = r.getBigDecimal("ad_budget_paid_promotion");
            s.adBudgetFanBoost = r.getBigDecimal("ad_budget_fan_boost");
            s.finalKpis = r.getString("final_kpis");
            return s;
        });
    }

    public Uni<SessionKpis> kpis(LiveSession s) {
        if (s.finalKpis != null) {
            try {
                return Uni.createFrom().item(mapper.readValue(s.finalKpis, SessionKpis.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        KpiSnapshot snapshot = streams.snapshot(s.id).orElseGet(() -> KpiSnapshot.empty(s.id.toString()));
        return baseline(s.merchantId, s.id, s.startedAt)
                .map(baseline -> KpiCalculator.compute(facts(s), snapshot, baseline, clock.instant(), bestsellerThreshold));
    }

    /** The average final GMV of the merchant's sessions that ended before {@code before} (null: none). */
    public Uni<BigDecimal> baseline(UUID merchant, UUID session, OffsetDateTime before) {
        OffsetDateTime until = before == null ? clock.now() : before;
        return pool.preparedQuery(BASELINE).execute(Tuple.of(merchant, until, session)).map(rows -> {
            BigDecimal avg = rows.iterator().next().getBigDecimal("baseline");
            return avg == null ? null : avg.setScale(2, RoundingMode.HALF_UP);
        });
    }

    public BigDecimal bestsellerThreshold() {
        return bestsellerThreshold;
    }

    public static KpiCalculator.SessionFacts facts(LiveSession s) {
        return new KpiCalculator.SessionFacts(s.id, s.status, s.startedAt == null ? null : s.startedAt.toInstant(),
                s.endedAt == null ? null : s.endedAt.toInstant(), s.plannedMinutes, s.gmvTarget, s.adBudget());
    }
}
