package com.livecommerce.matching.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.matching.engagement.EngagementEvents;
import com.livecommerce.matching.engagement.EngagementStatus;
import com.livecommerce.matching.engagement.EngagementView;
import com.livecommerce.matching.engagement.NeedsConverter;
import com.livecommerce.matching.scoring.Scorer;
import com.livecommerce.plumbing.jobs.ClusterJobs;
import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.time.Period;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one writer of campaigns, and of the engagements a campaign proposes (in bulk, on the reactive pool: one
 * statement per 5,000 rows). Completing a campaign is one transaction: its engagements (a pair that meanwhile got an
 * open engagement is skipped and reported ALREADY_ENGAGED), their EngagementProposed events (outbox), its unassigned
 * merchants and its result.
 */
@ApplicationScoped
public class CampaignStore {

    static final int CHUNK = 5_000;

    private static final String CREATE = "insert into campaign (id, status, cohort, earlier, later, term_months, commission_bps,"
            + " requested_by, requested_at, merchant_ids) values ($1, 'RUNNING', $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String PROPOSE = "insert into engagement (id, merchant_id, provider_id, status, needs, term_months,"
            + " commission_bps, campaign_id, proposed_by, proposed_at, version, campaign_score)"
            + " select u.id, u.merchant, u.provider, 'PROPOSED', u.needs, $6, $7, $8, $9, $10, 0, u.score"
            + " from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int8[]) as u(id, merchant, provider, needs, score)"
            + " on conflict do nothing returning id";
    private static final String UNASSIGNED = "insert into campaign_unassigned (campaign_id, merchant_id, reason)"
            + " select $1, u.merchant, u.reason from unnest($2::uuid[], $3::text[]) as u(merchant, reason)";
    private static final String COMPLETE = "update campaign set status = 'COMPLETED', completed_at = $2, cohort_size = $3,"
            + " assigned_count = $4, unassigned_count = $5, objective = $6, solver = $7 where id = $1 and status = 'RUNNING'";
    private static final String FAIL = "update campaign set status = 'FAILED', completed_at = $2, failure = $3 where id = $1 and status = 'RUNNING'";
    /** RUNNING campaigns recorded a while ago whose run holds no live claim: their replica died (or never started them). */
    private static final String INTERRUPTED = "select id, cohort, earlier, later, term_months, commission_bps, merchant_ids"
            + " from campaign c where status = 'RUNNING' and requested_at < now() - make_interval(secs => $1)"
            + " and " + ClusterJobs.noLiveClaim("$2", "c.id::text")
            + " order by requested_at limit 10";
    private static final String STALLED = "with per as (select merchant_id,"
            + " coalesce(sum(gmv) filter (where entry_date >= $1 and entry_date < $2), 0) as earlier_gmv,"
            + " coalesce(sum(gmv) filter (where entry_date >= $3 and entry_date < $4), 0) as later_gmv"
            + " from merchant_gmv where (entry_date >= $1 and entry_date < $2) or (entry_date >= $3 and entry_date < $4)"
            + " group by merchant_id)"
            + " select merchant_id from per where (earlier_gmv > 0 or later_gmv > 0) and later_gmv <= earlier_gmv";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    public record Terms(int term, int commissionBps) {
    }

    /** A campaign's run ended because another run had finished it first (a replica taken for dead that was not). */
    public static final class AlreadyFinished extends RuntimeException {
        AlreadyFinished(UUID campaign) {
            super("campaign " + campaign + " is no longer RUNNING: another run finished it");
        }
    }

    /** What a campaign left RUNNING asked for (merchantIds only for a list campaign). */
    public record Interrupted(UUID id, String cohort, String earlier, String later, Terms terms, List<UUID> merchantIds) {
    }

    /** Up to 10 campaigns RUNNING for longer than {@code after} without a live claim, oldest first. */
    public Uni<List<Interrupted>> interrupted(java.time.Duration after, String job) {
        return pool.preparedQuery(INTERRUPTED).execute(Tuple.of((double) after.toSeconds(), job)).map(rows -> {
            List<Interrupted> found = new ArrayList<>();
            for (Row r : rows) {
                UUID[] ids = r.getArrayOfUUIDs("merchant_ids");
                found.add(new Interrupted(r.getUUID("id"), r.getString("cohort"), r.getString("earlier"), r.getString("later"),
                        new Terms(r.getInteger("term_months"), r.getInteger("commission_bps")), ids == null ? null : List.of(ids)));
            }
            return found;
        });
    }

    /** Records a campaign RUNNING through {@code client} (a connection of the caller's transaction). */
    public Uni<Void> create(SqlClient client, UUID id, String cohort, String earlier, String later, Terms terms, String by,
            OffsetDateTime at, List<UUID> merchantIds) {
        Tuple params = Tuple.tuple().addValue(id).addValue(cohort).addValue(earlier).addValue(later).addValue(terms.term())
                .addValue(terms.commissionBps()).addValue(by).addValue(at)
                .addValue(merchantIds == null ? null : merchantIds.toArray(UUID[]::new));
        return client.preparedQuery(CREATE).execute(params).replaceWithVoid();
    }

    /** The merchants active in either period whose later GMV is at most the earlier one's. */
    public Uni<List<UUID>> stalled(Period earlier, Period later) {
        return pool.preparedQuery(STALLED).execute(Tuple.of(earlier.start(), earlier.endExclusive(), later.start(), later.endExclusive()))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }

    /** Writes the plan as proposed engagements with their events, and the campaign's result; returns how many were proposed. */
    public Uni<Integer> complete(UUID campaign, int cohortSize, CampaignPlanner.Plan plan, Terms terms, OffsetDateTime now,
            Map<String, Object> solver) {
        NeedsConverter needs = new NeedsConverter();
        List<CampaignPlanner.Assignment> assignments = plan.assignments();
        UUID[] ids = new UUID[assignments.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        return pool.withTransaction(conn -> {
            Set<UUID> inserted = new HashSet<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int from = 0; from < assignments.size(); from += CHUNK) {
                int to = Math.min(assignments.size(), from + CHUNK);
                int n = to - from;
                UUID[] chunkIds = new UUID[n];
                UUID[] merchants = new UUID[n];
                UUID[] providers = new UUID[n];
                String[] scopes = new String[n];
                Long[] scores = new Long[n];
                for (int i = 0; i < n; i++) {
                    CampaignPlanner.Assignment a = assignments.get(from + i);
                    chunkIds[i] = ids[from + i];
                    merchants[i] = a.merchantId();
                    providers[i] = a.providerId();
                    scopes[i] = needs.convertToDatabaseColumn(a.needs());
                    scores[i] = a.score();
                }
                Tuple params = Tuple.from(List.of(chunkIds, merchants, providers, scopes, scores, terms.term(), terms.commissionBps(),
                        campaign, "campaign:" + campaign, now));
                chain = chain.chain(() -> conn.preparedQuery(PROPOSE).execute(params)
                        .invoke(rows -> rows.forEach(r -> inserted.add(r.getUUID(0)))).replaceWithVoid());
            }
            return chain.chain(() -> {
                List<Outbox.Keyed> events = new ArrayList<>(inserted.size());
                List<CampaignPlanner.Unassigned> unassigned = new ArrayList<>(plan.unassigned());
                long objective = 0;
                for (int i = 0; i < assignments.size(); i++) {
                    CampaignPlanner.Assignment a = assignments.get(i);
                    if (!inserted.contains(ids[i])) {
                        unassigned.add(new CampaignPlanner.Unassigned(a.merchantId(), CampaignPlanner.ALREADY_ENGAGED));
                        continue;
                    }
                    objective += a.score();
                    EngagementView view = new EngagementView(ids[i], a.merchantId(), a.providerId(), EngagementStatus.PROPOSED,
                            a.needs(), terms.term(), null, terms.commissionBps(), campaign, now, null, null, null, null, null, null,
                            null, null, null, 0);
                    events.add(new Outbox.Keyed(ids[i].toString(), EngagementEvents.Data.of(view, null)));
                }
                long total = objective;
                return outbox.publishBatch(conn, EngagementEvents.TOPIC, EngagementEvents.PROPOSED, events)
                        .chain(() -> insertUnassigned(conn, campaign, unassigned))
                        .chain(() -> conn.preparedQuery(COMPLETE).execute(Tuple.from(List.of(campaign, now, cohortSize,
                                events.size(), unassigned.size(), total, new JsonObject(json(solver))))))
                        // finished meanwhile by another run: fail, so that this run's engagements and events roll back
                        .invoke(rows -> {
                            if (rows.rowCount() == 0) {
                                throw new AlreadyFinished(campaign);
                            }
                        })
                        .replaceWith(events.size());
            });
        });
    }

    private Uni<Void> insertUnassigned(SqlConnection conn, UUID campaign, List<CampaignPlanner.Unassigned> unassigned) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < unassigned.size(); from += CHUNK) {
            List<CampaignPlanner.Unassigned> chunk = unassigned.subList(from, Math.min(unassigned.size(), from + CHUNK));
            UUID[] merchants = chunk.stream().map(CampaignPlanner.Unassigned::merchantId).toArray(UUID[]::new);
            String[] reasons = chunk.stream().map(CampaignPlanner.Unassigned::reason).toArray(String[]::new);
            chain = chain.chain(() -> conn.preparedQuery(UNASSIGNED).execute(Tuple.of(campaign, merchants, reasons)).replaceWithVoid());
        }
        return chain;
    }

    private String json(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Uni<Void> fail(UUID campaign, OffsetDateTime now, String failure) {
        return pool.preparedQuery(FAIL).execute(Tuple.of(campaign, now, failure)).replaceWithVoid();
    }

    /** The campaign with a page of its assignments and unassigned merchants, or null. */
    public Uni<CampaignView> get(UUID id, int page, int size) {
        return get(pool, id, page, size);
    }

    /** The same through {@code client} (in the caller's transaction: sees what it wrote). */
    public Uni<CampaignView> get(SqlClient client, UUID id, int page, int size) {
        return client.preparedQuery("select * from campaign where id = $1").execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Row c = rows.iterator().next();
            return client.preparedQuery("select merchant_id, provider_id, campaign_score, id from engagement where campaign_id = $1"
                            + " order by merchant_id limit $2 offset $3").execute(Tuple.of(id, size, (long) page * size))
                    .chain(assigned -> client.preparedQuery("select merchant_id, reason from campaign_unassigned where campaign_id = $1"
                                    + " order by merchant_id limit $2 offset $3").execute(Tuple.of(id, size, (long) page * size))
                            .map(unassigned -> {
                                List<CampaignView.Assignment> a = new ArrayList<>();
                                assigned.forEach(r -> a.add(new CampaignView.Assignment(r.getUUID(0), r.getUUID(1),
                                        Scorer.scoreDecimal(r.getLong(2)), r.getUUID(3))));
                                List<CampaignView.Unassigned> u = new ArrayList<>();
                                unassigned.forEach(r -> u.add(new CampaignView.Unassigned(r.getUUID(0), r.getString(1))));
                                JsonObject solver = c.getJsonObject("solver");
                                Long objective = c.getLong("objective");
                                return new CampaignView(c.getUUID("id"), c.getString("status"), c.getString("cohort"),
                                        c.getString("earlier"), c.getString("later"), c.getInteger("term_months"),
                                        c.getInteger("commission_bps"), c.getOffsetDateTime("requested_at"),
                                        c.getOffsetDateTime("completed_at"), c.getInteger("cohort_size"), c.getInteger("assigned_count"),
                                        c.getInteger("unassigned_count"), objective == null ? null : Scorer.scoreDecimal(objective),
                                        solver == null ? null : solver.getMap(), c.getString("failure"), a, u, page, size);
                            }));
        });
    }
}
