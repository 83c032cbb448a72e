package com.livecommerce.provider.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.provider.provider.CodeList;
import com.livecommerce.provider.provider.ProviderType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Computes and stores a period's leaderboards ({@link LeaderboardCalculator}), puts the bottom of
 * each cohort on probation and proposes suspension for a provider on probation two periods in a
 * row (platform-admin decides with {@code POST /providers/{id}/suspend}). Recomputing a period
 * replaces its boards and gives the same result for the same data; a period is computed under a
 * PostgreSQL advisory lock, so the schedule and an on-demand run never interleave.
 */
@ApplicationScoped
public class LeaderboardService {

    private static final Logger LOG = Logger.getLogger(LeaderboardService.class);

    @ConfigMapping(prefix = "provider.leaderboard")
    public interface Config {
        /** Cron of the monthly computation (the month that just ended). */
        @WithDefault("0 0 2 1 * ?")
        String schedule();

        /** Share of each cohort put on probation (the bottom of the board). */
        @WithDefault("0.10")
        BigDecimal probationShare();

        @WithDefault("0.40")
        BigDecimal weightGmvGrowth();

        @WithDefault("0.25")
        BigDecimal weightLeaps();

        @WithDefault("0.15")
        BigDecimal weightRetention();

        @WithDefault("0.20")
        BigDecimal weightRating();
    }

    public record Summary(String period, int cohorts, int entries, int onProbation, List<UUID> suspensionProposals) {
    }

    public record EntryView(String period, ProviderType type, String category, UUID providerId, int rank, BigDecimal score,
            LeaderboardCalculator.Components components, boolean probation) {
    }

    private static final String ADMITTED = "select id, type, categories from provider where admission = 'ADMITTED' and not suspended";
    private static final String RESULTS = "select o.provider_id, sum(o.gmv_before) as gmv_before, sum(o.gmv_during) as gmv_during,"
            + " count(*) filter (where o.leap) as leaps, count(distinct o.merchant_id) as merchants,"
            + " count(distinct o.merchant_id) filter (where exists (select 1 from engagement_outcome e"
            + "   where e.provider_id = o.provider_id and e.merchant_id = o.merchant_id and e.completed_on < $1)) as returning,"
            + " avg(o.rating) as rating"
            + " from engagement_outcome o where o.completed_on >= $1 and o.completed_on < $2 group by o.provider_id";
    private static final String INSERT_ENTRY = "insert into leaderboard_entry"
            + " (period, provider_type, category, provider_id, rank, score, components, probation) values ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static final String NEW_PROBATION = "insert into probation (provider_id, period) select unnest($2::uuid[]), $1"
            + " on conflict do nothing returning provider_id";
    private static final String TO_PROPOSE = "select p.provider_id from probation p join probation q"
            + " on q.provider_id = p.provider_id and q.period = $2 where p.period = $1 and not p.suspension_proposed";
    private static final String AUDIT = "insert into provider_decision (id, provider_id, action, reasons, actor, decided_at)"
            + " values ($1, $2, $3, $4, $5, now())";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    Config config;

    /** Monthly: the month that just ended. */
    @Scheduled(cron = "{provider.leaderboard.schedule:0 0 2 1 * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> monthly() {
        Period lastMonth = Period.parse("period", YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString());
        return compute(lastMonth, "schedule")
                .invoke(s -> LOG.infof("leaderboards %s: %d entries, %d on probation", s.period(), s.entries(), s.onProbation()))
                .replaceWithVoid();
    }

    public Uni<Summary> compute(Period period, String actor) {
        return pool.query(ADMITTED).execute().chain(admitted -> pool.preparedQuery(RESULTS)
                .execute(Tuple.of(period.start(), period.endExclusive())).chain(results -> {
                    Map<UUID, Row> byProvider = new HashMap<>();
                    results.forEach(r -> byProvider.put(r.getUUID("provider_id"), r));
                    List<LeaderboardCalculator.ProviderResults> input = new ArrayList<>();
                    for (Row p : admitted) {
                        UUID id = p.getUUID("id");
                        Row r = byProvider.get(id);
                        input.add(new LeaderboardCalculator.ProviderResults(id, ProviderType.valueOf(p.getString("type")),
                                CodeList.split(p.getString("categories")),
                                r == null ? BigDecimal.ZERO : r.getBigDecimal("gmv_before"),
                                r == null ? BigDecimal.ZERO : r.getBigDecimal("gmv_during"),
                                r == null ? 0 : r.getLong("leaps").intValue(),
                                r == null ? 0 : r.getLong("merchants").intValue(),
                                r == null ? 0 : r.getLong("returning").intValue(),
                                r == null ? null : r.getBigDecimal("rating")));
                    }
                    List<LeaderboardCalculator.Entry> entries = LeaderboardCalculator.compute(input, weights(), config.probationShare());
                    return store(period, entries, actor);
                }));
    }

    public LeaderboardCalculator.Weights weights() {
        return new LeaderboardCalculator.Weights(config.weightGmvGrowth(), config.weightLeaps(), config.weightRetention(),
                config.weightRating());
    }

    private Uni<Summary> store(Period period, List<LeaderboardCalculator.Entry> entries, String actor) {
        String p = period.label();
        Set<UUID> probation = new LinkedHashSet<>();
        Set<String> cohorts = new HashSet<>();
        List<Tuple> rows = new ArrayList<>(entries.size());
        for (LeaderboardCalculator.Entry e : entries) {
            cohorts.add(e.type() + "|" + e.category());
            if (e.probation()) {
                probation.add(e.providerId());
            }
            rows.add(Tuple.from(List.of(p, e.type().name(), e.category(), e.providerId(), e.rank(), e.score(), json(e.components()),
                    e.probation())));
        }
        UUID[] onProbation = probation.toArray(UUID[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("leaderboard:" + p))
                .chain(() -> conn.preparedQuery("delete from leaderboard_entry where period = $1").execute(Tuple.of(p)))
                .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem()
                        : conn.preparedQuery(INSERT_ENTRY).executeBatch(rows).replaceWithVoid())
                .chain(() -> conn.preparedQuery("delete from probation where period = $1 and not (provider_id = any($2))")
                        .execute(Tuple.of(p, onProbation)))
                .chain(() -> conn.preparedQuery(NEW_PROBATION).execute(Tuple.of(p, onProbation)))
                .chain(fresh -> audit(conn, fresh, "PROBATION", "bottom " + config.probationShare().movePointRight(2).stripTrailingZeros().toPlainString()
                        + "% of a cohort's leaderboard in " + p, actor))
                .chain(() -> conn.preparedQuery(TO_PROPOSE).execute(Tuple.of(p, period.previous().label())))
                .chain(toPropose -> {
                    List<UUID> proposals = new ArrayList<>();
                    toPropose.forEach(r -> proposals.add(r.getUUID("provider_id")));
                    if (proposals.isEmpty()) {
                        return Uni.createFrom().item(proposals);
                    }
                    UUID[] ids = proposals.toArray(UUID[]::new);
                    return conn.preparedQuery("update probation set suspension_proposed = true where period = $1 and provider_id = any($2)")
                            .execute(Tuple.of(p, ids))
                            .chain(() -> conn.preparedQuery("update provider set suspension_proposed = true, version = version + 1,"
                                    + " updated_at = now() where id = any($1)").execute(Tuple.of((Object) ids)))
                            .chain(() -> audit(conn, toPropose, "SUSPENSION_PROPOSED", "on probation in " + period.previous().label()
                                    + " and " + p + ": suspension proposed to platform-admin", actor))
                            .replaceWith(proposals);
                })
                .map(proposals -> new Summary(p, cohorts.size(), entries.size(), probation.size(), proposals)));
    }

    private Uni<Void> audit(SqlConnection conn, RowSet<Row> providers, String action, String reason, String actor) {
        List<Tuple> rows = new ArrayList<>();
        for (Row r : providers) {
            rows.add(Tuple.of(UUID.randomUUID(), r.getUUID("provider_id"), action, json(List.of(reason)), actor));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(AUDIT).executeBatch(rows).replaceWithVoid();
    }

    public Uni<Page<EntryView>> list(Period period, ProviderType type, String category, PageRequest paging) {
        StringBuilder where = new StringBuilder(" where period = $1");
        List<Object> args = new ArrayList<>(List.of(period.label()));
        if (type != null) {
            args.add(type.name());
            where.append(" and provider_type = $").append(args.size());
        }
        if (category != null) {
            args.add(category);
            where.append(" and category = $").append(args.size());
        }
        String count = "select count(*) from leaderboard_entry" + where;
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(paging.size());
        pageArgs.add(paging.offset());
        String select = "select * from leaderboard_entry" + where + " order by provider_type, category, rank limit $"
                + (args.size() + 1) + " offset $" + (args.size() + 2);
        return pool.preparedQuery(count).execute(Tuple.from(args)).chain(c -> pool.preparedQuery(select).execute(Tuple.from(pageArgs)).map(rows -> {
            List<EntryView> items = new ArrayList<>();
            for (Row r : rows) {
                items.add(new EntryView(r.getString("period"), ProviderType.valueOf(r.getString("provider_type")),
                        r.getString("category"), r.getUUID("provider_id"), r.getInteger("rank"), r.getBigDecimal("score"),
                        components(r.getString("components")), r.getBoolean("probation")));
            }
            return paging.page(items, c.iterator().next().getLong(0));
        }));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LeaderboardCalculator.Components components(String json) {
        try {
            return mapper.readValue(json, LeaderboardCalculator.Components.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
