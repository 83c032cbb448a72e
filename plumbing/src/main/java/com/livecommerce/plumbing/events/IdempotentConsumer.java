package com.livecommerce.plumbing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way services consume events: reads the CloudEvent, applies the handler at most once per
 * event (its id is unique per source: ({@code source}, {@code id}) is recorded in
 * {@code processed_event} in the same transaction as the effect), and tells bad data from a
 * dependency that blinked:
 * <ul>
 * <li>bad data ({@link PoisonMessageException}: not a CloudEvent, not JSON, a missing or malformed
 * field, an unknown aggregate) is nacked at once, and the channel's
 * {@code failure-strategy=dead-letter-queue} moves it to the dead-letter topic with the reason;</li>
 * <li>any other failure is retried with backoff ({@code suite.events.retry-initial-backoff} doubling
 * up to {@code suite.events.retry-max-backoff}). While the database does not answer a
 * {@code select 1}, retries go on without limit: the channel waits (Kafka pauses the partition)
 * until PostgreSQL is back, and no good message is dead-lettered because of an outage. Only a
 * failure that repeats {@code suite.events.max-attempts} times while the database is up is
 * treated as bad data and dead-lettered.</li>
 * </ul>
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private static final String RECORD = "insert into processed_event (consumer, source, event_id) values (:consumer, :source, :id)"
            + " on conflict do nothing";

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @ConfigProperty(name = "suite.events.max-attempts", defaultValue = "5")
    int maxAttempts;

    @ConfigProperty(name = "suite.events.retry-initial-backoff", defaultValue = "0.2s")
    Duration initialBackoff;

    @ConfigProperty(name = "suite.events.retry-max-backoff", defaultValue = "10s")
    Duration maxBackoff;

    /**
     * @param message  the Kafka message (String payload, CloudEvents binary mode)
     * @param consumer a stable consumer name (e.g. {@code merchant-ledger}); events are de-duplicated per consumer
     * @param handler  the effect, run inside the transaction; throw {@link PoisonMessageException} for bad input
     */
    public Uni<Void> consume(Message<String> message, String consumer, Function<ReceivedEvent, Uni<Void>> handler) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().deferred(() -> {
                    ReceivedEvent event = read(message);
                    return applyWithRetries(event, consumer, handler, context, 0, initialBackoff)
                            .invoke(applied -> registry.counter("events.consumed", "consumer", consumer,
                                    "outcome", applied ? "applied" : "duplicate").increment());
                })
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    registry.counter("events.consumed", "consumer", consumer, "outcome", "dead-lettered").increment();
                    LOG.warnf("%s: message goes to the dead-letter topic: %s", consumer, failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /** One attempt: record the event and apply it in one transaction; true when applied, false when a duplicate. */
    private Uni<Boolean> applyOnce(ReceivedEvent event, String consumer, Function<ReceivedEvent, Uni<Void>> handler) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(RECORD)
                        .setParameter("consumer", consumer)
                        .setParameter("source", event.source())
                        .setParameter("id", event.id())
                        .executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : handler.apply(event).replaceWith(true)));
    }

    private Uni<Boolean> applyWithRetries(ReceivedEvent event, String consumer, Function<ReceivedEvent, Uni<Void>> handler,
            Context context, int failuresWhileUp, Duration backoff) {
        return applyOnce(event, consumer, handler)
                .onFailure(e -> !(e instanceof PoisonMessageException)).recoverWithUni(e -> databaseAnswers().chain(up -> {
                    int failures = up ? failuresWhileUp + 1 : failuresWhileUp;
                    if (failures >= maxAttempts) {
                        return Uni.createFrom().failure(new PoisonMessageException("failed " + failures
                                + " times while the database was reachable: " + e.getMessage(), e));
                    }
                    registry.counter("events.consumed", "consumer", consumer, "outcome", "retried").increment();
                    LOG.warnf("%s: event %s not applied (%s; database %s), retrying in %s", consumer, event.id(),
                            e.getMessage(), up ? "reachable" : "unreachable", backoff);
                    Duration next = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                    return after(backoff, context)
                            .chain(() -> applyWithRetries(event, consumer, handler, context, failures, next));
                }));
    }

    /** True when PostgreSQL answers {@code select 1} within two seconds. */
    private Uni<Boolean> databaseAnswers() {
        return pool.query("select 1").execute()
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(rows -> true)
                .onFailure().recoverWithItem(false);
    }

    /** Completes after {@code delay} on the consumer's own Vert.x context (Hibernate Reactive needs it). */
    private static Uni<Void> after(Duration delay, Context context) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(Math.max(1, delay.toMillis()),
                id -> context.runOnContext(v -> emitter.complete(null))));
    }

    ReceivedEvent read(Message<String> message) {
        Optional<IncomingCloudEventMetadata> ce = message.getMetadata(IncomingCloudEventMetadata.class);
        if (ce.isEmpty()) {
            throw new PoisonMessageException("not a CloudEvent: the ce_id, ce_type, ce_source and ce_specversion headers are missing");
        }
        IncomingCloudEventMetadata<?> meta = ce.get();
        if (meta.getId() == null || meta.getType() == null || meta.getSource() == null) {
            throw new PoisonMessageException("CloudEvent without id, type or source");
        }
        String payload = message.getPayload();
        JsonNode data;
        try {
            data = payload == null ? null : mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("event " + meta.getId() + " data is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonMessageException("event " + meta.getId() + " data is not a JSON object");
        }
        return new ReceivedEvent(meta.getId(), meta.getType(), String.valueOf(meta.getSource()),
                meta.getSubject().orElse(null), meta.getTimeStamp().orElse(null), data);
    }
}
