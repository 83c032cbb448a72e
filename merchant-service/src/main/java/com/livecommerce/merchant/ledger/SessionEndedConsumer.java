package com.livecommerce.merchant.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the GMV ledger from {@code session-events}: each SessionEnded becomes one ledger entry with
 * source id {@code session:<sessionId>}, applied once however often it is delivered. Other session
 * event types are acknowledged and ignored.
 */
@ApplicationScoped
public class SessionEndedConsumer {

    static final String CONSUMER = "merchant-ledger";
    static final String SESSION_ENDED = "SessionEnded";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    GmvLedger ledger;

    @Incoming("session-events")
    public Uni<Void> onSessionEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        if (!SESSION_ENDED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        LedgerEntry entry;
        UUID merchantId;
        try {
            merchantId = UUID.fromString(event.requireText("merchantId"));
            entry = new LedgerEntry(LocalDate.parse(event.requireText("date")), gmv(event), orders(event),
                    "session:" + event.requireText("sessionId"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonMessageException("SessionEnded " + event.id() + " is malformed: " + e.getMessage(), e);
        }
        return ledger.record(merchantId, List.of(entry)).replaceWithVoid()
                .onFailure(ProblemException.class).transform(e -> ((ProblemException) e).type() == ProblemType.NOT_FOUND
                        ? new PoisonMessageException("SessionEnded " + event.id() + " names an unknown merchant " + merchantId)
                        : e);
    }

    private static BigDecimal gmv(ReceivedEvent event) {
        BigDecimal gmv = new BigDecimal(event.requireText("gmv"));
        if (gmv.signum() < 0 || gmv.stripTrailingZeros().scale() > 2) {
            throw new PoisonMessageException("SessionEnded " + event.id() + " has an invalid gmv " + gmv);
        }
        return gmv;
    }

    private static int orders(ReceivedEvent event) {
        JsonNode node = event.data().get("orders");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToInt() || node.asInt() < 0) {
            throw new PoisonMessageException("SessionEnded " + event.id() + " has invalid orders " + node);
        }
        return node.asInt();
    }
}
