package com.livecommerce.plumbing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
}
