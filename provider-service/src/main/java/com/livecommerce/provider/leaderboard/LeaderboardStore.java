package com.livecommerce.provider.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.provider.provider.CodeList;
import com.livecommerce.provider.provider.ProviderType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of the leaderboards: the results a period is computed from, its entries
 * ({@code leaderboard_entry}), the computed periods and the probations. The write methods run in
 * the caller's Hibernate Reactive transaction (with the provider changes and audit entries they go
 * with); the listing is reporting SQL on the reactive pool.
 */
@ApplicationScoped
public class LeaderboardStore {

    /** A probation row: the provider was on probation in the period; {@code proposed}: its suspension proposal holds. */
    public record Probation(UUID providerId, String period, boolean proposed) {
    }

    public record EntryView(String period, ProviderType type, String category, UUID providerId, int rank, BigDecimal score,
            LeaderboardCalculator.Components components, boolean probation) {
    }

    private static final String LOCK = "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) as locked";
    private static final String RESULTS = "select p.id, p.type, p.categories, r.gmv_before, r.gmv_during, r.leaps, r.merchants,"
            + " r.returning_merchants, r.rating"
            + " from provider p left join ("
            + "   select o.provider_id, sum(o.gmv_before) as gmv_before, sum(o.gmv_during) as gmv_during,"
            + "   count(*) filter (where o.leap) as leaps, count(distinct o.merchant_id) as merchants,"
            + "   count(distinct o.merchant_id) filter (where exists (select 1 from engagement_outcome e"
            + "     where e.provider_id = o.provider_id and e.merchant_id = o.merchant_id and e.completed_on < :start)) as returning_merchants,"
            + "   avg(o.rating) as rating"
            + "   from engagement_outcome o where o.completed_on >= :start and o.completed_on < :end group by o.provider_id"
            + " ) r on r.provider_id = p.id"
            + " where p.admission = 'ADMITTED' and not p.suspended";
    /**
     * Replaces a period's entries in one statement: rows that changed are written, rows that did not are
     * left alone (a recompute with the same data writes nothing), rows no longer there are deleted.
     */
    private static final String REPLACE_ENTRIES = "with x as (select * from json_to_recordset(cast(cast(:rows as text) as json))"
            + "   as r(provider_type text, category text, provider_id uuid, rank integer, score numeric, components json, probation boolean)),"
            + " written as (insert into leaderboard_entry (period, provider_type, category, provider_id, rank, score, components, probation)"
            + "   select :period, x.provider_type, x.category, x.provider_id, x.rank, x.score, cast(x.components as text), x.probation from x"
            + "   on conflict (period, provider_type, category, provider_id) do update set rank = excluded.rank, score = excluded.score,"
            + "     components = excluded.components, probation = excluded.probation"
            + "   where (leaderboard_entry.rank, leaderboard_entry.score, leaderboard_entry.components, leaderboard_entry.probation)"
            + "     is distinct from (excluded.rank, excluded.score, excluded.components, excluded.probation)"
            + "   returning 1),"
            + " removed as (delete from leaderboard_entry e where e.period = :period and not exists (select 1 from x"
            + "   where x.provider_type = e.provider_type and x.category = e.category and x.provider_id = e.provider_id) returning 1)"
            + " select (select count(*) from written) + (select count(*) from removed)";
    private static final String COMPUTED = "insert into leaderboard_period (period, computed_at) values (:period, :at)"
            + " on conflict (period) do update set computed_at = excluded.computed_at";
    private static final String PROBATIONS = "select provider_id, period, suspension_proposed from probation"
            + " where period in (:a, :b, :c)";
    private static final String ADD_PROBATIONS = "insert into probation (provider_id, period)"
            + " select cast(value as uuid), :period from json_array_elements_text(cast(cast(:ids as text) as json))"
            + " on conflict do nothing";
    private static final String REMOVE_PROBATIONS = "delete from probation where period = :period and provider_id in"
            + " (select cast(value as uuid) from json_array_elements_text(cast(cast(:ids as text) as json)))";
    private static final String MARK = "update probation set suspension_proposed = :proposed where period = :period and provider_id = :provider";
    private static final String PROPOSALS = "select count(*) from probation where provider_id = :provider and suspension_proposed";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** Serialises computations of one period across replicas until the caller's transaction ends. */
    public Uni<Void> lock(Period period) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK, Integer.class)
                .setParameter("key", "leaderboard:" + period.label()).getSingleResult()).replaceWithVoid();
    }

    /** The period's results of every provider in good standing (admitted, not suspended). */
    public Uni<List<LeaderboardCalculator.ProviderResults>> results(Period period) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RESULTS, Object[].class)
                .setParameter("start", period.start()).setParameter("end", period.endExclusive())
                .getResultList()).map(rows -> {
                    List<LeaderboardCalculator.ProviderResults> input = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        boolean none = r[3] == null;
                        input.add(new LeaderboardCalculator.ProviderResults((UUID) r[0], ProviderType.valueOf((String) r[1]),
                                CodeList.split((String) r[2]),
                                none ? BigDecimal.ZERO : (BigDecimal) r[3],
                                none ? BigDecimal.ZERO : (BigDecimal) r[4],
                                none ? 0 : ((Number) r[5]).intValue(),
                                none ? 0 : ((Number) r[6]).intValue(),
                                none ? 0 : ((Number) r[7]).intValue(),
                                (BigDecimal) r[8]));
                    }
                    return input;
                });
    }

    /** Replaces the period's entries with {@code entries} (one statement) and marks the period computed. */
    public Uni<Void> replaceEntries(Period period, List<LeaderboardCalculator.Entry> entries, OffsetDateTime at) {
        String json = rowsJson(entries);
        return Panache.getSession().chain(s -> s.createNativeQuery(REPLACE_ENTRIES, Long.class)
                        .setParameter("period", period.label()).setParameter("rows", json).getSingleResult()
                        .chain(() -> s.createNativeQuery(COMPUTED).setParameter("period", period.label()).setParameter("at", at).executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * The entries as a JSON array of rows for {@link #REPLACE_ENTRIES}, written directly (7,500 entries of
     * 5,000 providers are ~3 MB; a generic serialiser costs several times more). The same entries always
     * give the same text, so an identical recompute finds every row unchanged.
     */
    static String rowsJson(List<LeaderboardCalculator.Entry> entries) {
        StringBuilder json = new StringBuilder(entries.size() * 420 + 2).append('[');
        for (LeaderboardCalculator.Entry e : entries) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"provider_type\":\"").append(e.type().name())
                    .append("\",\"category\":");
            string(json, e.category());
            json.append(",\"provider_id\":\"").append(e.providerId())
                    .append("\",\"rank\":").append(e.rank())
                    .append(",\"score\":").append(e.score().toPlainString())
                    .append(",\"components\":");
            components(json, e.components());
            json.append(",\"probation\":").append(e.probation()).append('}');
        }
        return json.append(']').toString();
    }

    /** Components as JSON, read back by Jackson when listed. */
    static void components(StringBuilder json, LeaderboardCalculator.Components c) {
        json.append("{\"gmvGrowth\":");
        number(json, c.gmvGrowth());
        json.append(",\"leaps\":").append(c.leaps()).append(",\"retention\":");
        number(json, c.retention());
        json.append(",\"rating\":");
        number(json, c.rating());
        json.append(",\"scaled\":");
        numbers(json, c.scaled());
        json.append(",\"points\":");
        numbers(json, c.points());
        json.append('}');
    }

    private static void numbers(StringBuilder json, Map<String, BigDecimal> values) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, BigDecimal> v : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, v.getKey());
            json.append(':');
            number(json, v.getValue());
        }
        json.append('}');
    }

    private static void number(StringBuilder json, BigDecimal value) {
        json.append(value == null ? "null" : value.toPlainString());
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                json.append('\\').append(ch);
            } else if (ch < 0x20) {
                json.append(String.format("\\u%04x", (int) ch));
            } else {
                json.append(ch);
            }
        }
        json.append('"');
    }

    /** The probations of the three periods, by period (a period without any maps to an empty map). */
    public Uni<Map<String, Map<UUID, Probation>>> probations(Period before, Period period, Period after) {
        return Panache.getSession().chain(s -> s.createNativeQuery(PROBATIONS, Object[].class)
                .setParameter("a", before.label()).setParameter("b", period.label()).setParameter("c", after.label())
                .getResultList()).map(rows -> {
                    Map<String, Map<UUID, Probation>> byPeriod = new HashMap<>();
                    for (Period p : List.of(before, period, after)) {
                        byPeriod.put(p.label(), new LinkedHashMap<>());
                    }
                    for (Object[] r : rows) {
                        Probation p = new Probation((UUID) r[0], (String) r[1], (Boolean) r[2]);
                        byPeriod.get(p.period()).put(p.providerId(), p);
                    }
                    return byPeriod;
                });
    }

    public Uni<Void> addProbations(Period period, Collection<UUID> providers) {
        return providers.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(s -> s.createNativeQuery(ADD_PROBATIONS)
                .setParameter("period", period.label()).setParameter("ids", json(providers)).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> removeProbations(Period period, Collection<UUID> providers) {
        return providers.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(s -> s.createNativeQuery(REMOVE_PROBATIONS)
                .setParameter("period", period.label()).setParameter("ids", json(providers)).executeUpdate()).replaceWithVoid();
    }

    /** Records whether the suspension proposal of (provider, period) holds. */
    public Uni<Void> markProposed(Period period, UUID provider, boolean proposed) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MARK).setParameter("proposed", proposed)
                .setParameter("period", period.label()).setParameter("provider", provider).executeUpdate()).replaceWithVoid();
    }

    /** Whether any suspension proposal of the provider holds (any period). */
    public Uni<Boolean> anyProposalHolds(UUID provider) {
        return Panache.getSession().chain(s -> s.createNativeQuery(PROPOSALS, Long.class).setParameter("provider", provider)
                .getSingleResult()).map(count -> count > 0);
    }

    /** The latest computed period: the one that ends last, the shortest when several end together; empty if none. */
    public Uni<Optional<Period>> latestPeriod() {
        return pool.query("select period from leaderboard_period").execute().map(rows -> {
            List<Period> periods = new ArrayList<>();
            for (Row r : rows) {
                periods.add(Period.parse("period", r.getString(0)));
            }
            return periods.stream().max(Comparator.comparing(Period::endExclusive).thenComparing(Period::start));
        });
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
        String select = "select * from leaderboard_entry" + where + " order by provider_type, category, rank, provider_id limit $"
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
