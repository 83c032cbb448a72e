package com.livecommerce.plumbing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records an event in the outbox table through the current Hibernate Reactive session, so the
 * event commits (or rolls back) with the state change that caused it. Call it inside the
 * service method's transaction ({@code @WithTransaction}); never talk to Kafka on the request path.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event"
            + " (id, topic, event_key, type, source, subject, occurred_at, payload)"
            + " values (:id, :topic, :key, :type, :source, :subject, :time, cast(cast(:payload as text) as jsonb))";

    @Inject
    ObjectMapper mapper;

    @Inject
    UtcClock clock;

    @ConfigProperty(name = "suite.events.source")
    String source;

    /**
     * @param topic   Kafka topic, e.g. {@code merchant-events}
     * @param type    CloudEvents type, e.g. {@code MerchantRegistered}
     * @param key     aggregate id: Kafka key and CloudEvents subject
     * @param data    the event payload, serialised as JSON
     * @return the event id
     */
    public Uni<UUID> publish(String topic, String type, String key, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event " + type + " cannot be serialised", e));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", id)
                .setParameter("topic", topic)
                .setParameter("key", key)
                .setParameter("type", type)
                .setParameter("source", source)
                .setParameter("subject", key)
                .setParameter("time", clock.now())
                .setParameter("payload", payload)
                .executeUpdate())
                .replaceWith(id);
    }

    /** One event of a batch: the aggregate id (Kafka key and CloudEvents subject) and the payload. */
    public record Keyed(String key, Object data) {
    }

    /** How many rows one statement of {@link #publishBatch} inserts at most. */
    public static final int BATCH_CHUNK = 5_000;

    private static final String INSERT_BATCH = "insert into outbox_event"
            + " (id, topic, event_key, type, source, subject, occurred_at, payload)"
            + " select u.id, $2, u.key, $3, $4, u.key, $5, cast(u.payload as jsonb)"
            + " from unnest($1::uuid[], $6::text[], $7::text[]) with ordinality as u(id, key, payload, n) order by u.n";

    /**
     * Records many events of one type through {@code client}, a connection of the caller's transaction on the
     * reactive pool (for bulk writes done there rather than through the Hibernate session, e.g. a campaign proposing
     * 100,000 engagements, where one insert per event would take seconds): one statement per {@value #BATCH_CHUNK}
     * events, rows in list order (so per-key order is the list's order). The events commit or roll back with the
     * caller's transaction, as {@link #publish} does.
     *
     * @return the event ids, in list order
     */
    public Uni<List<UUID>> publishBatch(SqlClient client, String topic, String type, List<Keyed> events) {
        List<UUID> ids = new ArrayList<>(events.size());
        List<Tuple> chunks = new ArrayList<>();
        OffsetDateTime now = clock.now();
        for (int from = 0; from < events.size(); from += BATCH_CHUNK) {
            List<Keyed> chunk = events.subList(from, Math.min(events.size(), from + BATCH_CHUNK));
            UUID[] chunkIds = new UUID[chunk.size()];
            String[] keys = new String[chunk.size()];
            String[] payloads = new String[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                chunkIds[i] = UUID.randomUUID();
                keys[i] = chunk.get(i).key();
                try {
                    payloads[i] = mapper.writeValueAsString(chunk.get(i).data());
                } catch (JsonProcessingException e) {
                    return Uni.createFrom().failure(new IllegalArgumentException("event " + type + " cannot be serialised", e));
                }
                ids.add(chunkIds[i]);
            }
            chunks.add(Tuple.from(List.of(chunkIds, topic, type, source, now, keys, payloads)));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Tuple chunk : chunks) {
            chain = chain.chain(() -> client.preparedQuery(INSERT_BATCH).execute(chunk).replaceWithVoid());
        }
        return chain.replaceWith(ids);
    }
}
