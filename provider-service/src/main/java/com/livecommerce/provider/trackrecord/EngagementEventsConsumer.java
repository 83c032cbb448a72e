package com.livecommerce.provider.trackrecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import com.livecommerce.provider.provider.Provider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Builds the track record from {@code engagement-events}: each EngagementCompleted (outcome,
 * rating, leap) is recorded once (by event id, and by engagement id) through {@link TrackRecord}, then
 * the provider's tier and badge are recomputed. {@code completedAt} counts on its UTC day (an offset
 * is normalised to UTC), which selects the leaderboard period. The other engagement event types are acknowledged and ignored here.
 */
@ApplicationScoped
public class EngagementEventsConsumer {

    static final String CONSUMER = "provider-track-record";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    TrackRecord trackRecord;

    @Incoming("engagement-events")
    public Uni<Void> onEngagementEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        if (!"EngagementCompleted".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        Outcome o = parse(event);
        return Provider.<Provider>findById(o.provider).chain(p -> {
            if (p == null) {
                return Uni.createFrom().failure(new PoisonMessageException(
                        "EngagementCompleted " + event.id() + " names an unknown provider " + o.provider));
            }
            return trackRecord.record(p, o);
        });
    }

    record Outcome(UUID engagement, UUID provider, UUID merchant, LocalDate completedOn, BigDecimal gmvBefore,
            BigDecimal gmvDuring, BigDecimal rating, boolean leap) {
    }

    static Outcome parse(ReceivedEvent event) {
        BigDecimal rating = null;
        if (event.at("rating") != null && event.at("rating").isObject()) {
            int sum = score(event, "results") + score(event, "communication") + score(event, "professionalism");
            rating = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(3), 3, RoundingMode.HALF_EVEN);
        }
        JsonNode leap = event.at("outcome", "leap");
        return new Outcome(event.requireUuid("engagementId"), event.requireUuid("providerId"), event.requireUuid("merchantId"),
                event.requireDateTime("completedAt").toLocalDate(), event.requireMoney("outcome", "gmvBefore"),
                event.requireMoney("outcome", "gmvDuring"), rating, leap != null && leap.asBoolean(false));
    }

    private static int score(ReceivedEvent event, String field) {
        int value = event.countOr(0, "rating", field);
        if (value < 1 || value > 5) {
            throw new PoisonMessageException("EngagementCompleted " + event.id() + " has rating." + field + " outside 1-5");
        }
        return value;
    }
}
