package com.livecommerce.plumbing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way services consume events: reads the CloudEvent, applies the handler at most once per
 * event id (the id is recorded in {@code processed_event} in the same transaction as the effect),
 * retries transient failures, and nacks what cannot be processed so the channel's
 * {@code failure-strategy=dead-letter-queue} moves it to the dead-letter topic with the reason.
 * The consumer then goes on with the next message.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private static final String RECORD = "insert into processed_event (consumer, event_id) values (:consumer, :id)"
            + " on conflict do nothing";

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    /**
     * @param message  the Kafka message (String payload, CloudEvents binary mode)
     * @param consumer a stable consumer name (e.g. {@code merchant-ledger}); ids are de-duplicated per consumer
     * @param handler  the effect, run inside the transaction; throw {@link PoisonMessageException} for bad input
     */
    public Uni<Void> consume(Message<String> message, String consumer, Function<ReceivedEvent, Uni<Void>> handler) {
        return Uni.createFrom().deferred(() -> {
                    ReceivedEvent event = read(message);
                    return Panache.withTransaction(() -> Panache.getSession()
                                    .chain(s -> s.createNativeQuery(RECORD)
                                            .setParameter("consumer", consumer)
                                            .setParameter("id", event.id())
                                            .executeUpdate())
                                    .chain(inserted -> inserted == 0
                                            ? Uni.createFrom().item(false)
                                            : handler.apply(event).replaceWith(true)))
                            .onFailure(e -> !(e instanceof PoisonMessageException))
                            .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(4)
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

    ReceivedEvent read(Message<String> message) {
        Optional<IncomingCloudEventMetadata> ce = message.getMetadata(IncomingCloudEventMetadata.class);
        if (ce.isEmpty()) {
            throw new PoisonMessageException("not a CloudEvent: the ce_id, ce_type, ce_source and ce_specversion headers are missing");
        }
        IncomingCloudEventMetadata<?> meta = ce.get();
        if (meta.getId() == null || meta.getType() == null) {
            throw new PoisonMessageException("CloudEvent without id or type");
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
