package com.livecommerce.merchant.ledger;

import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        UUID merchantId = event.requireUuid("merchantId");
        LedgerEntry entry = new LedgerEntry(event.requireDate("date"), event.requireMoney("gmv"), event.countOr(0, "orders"),
                "session:" + event.requireText("sessionId"));
        return ledger.record(merchantId, List.of(entry)).replaceWithVoid()
                .onFailure(ProblemException.class).transform(e -> ((ProblemException) e).type() == ProblemType.NOT_FOUND
                        ? new PoisonMessageException("SessionEnded " + event.id() + " names an unknown merchant " + merchantId)
                        : e);
    }
}
