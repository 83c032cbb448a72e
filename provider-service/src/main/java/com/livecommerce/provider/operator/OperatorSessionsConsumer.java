package com.livecommerce.provider.operator;

import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import com.livecommerce.plumbing.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Operator-run session statistics from {@code session-events}: each SessionEnded that names an
 * operator adds one session, its GMV and its ad spend to that operator, through {@link OperatorService}:
 * once per event id (redelivery) and once per session id (a republished SessionEnded with a new event id).
 * Sessions without an operator, and other event types, are ignored; an operator the provider does not
 * have is dead-lettered.
 */
@ApplicationScoped
public class OperatorSessionsConsumer {

    static final String CONSUMER = "provider-operator-sessions";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    OperatorService operators;

    @Incoming("session-events")
    public Uni<Void> onSessionEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        UUID operatorId = "SessionEnded".equals(event.type()) ? event.optionalUuid("operatorId") : null;
        if (operatorId == null) {
            return Uni.createFrom().voidItem();
        }
        UUID sessionId = event.requireUuid("sessionId");
        UUID providerId = event.requireUuid("providerId");
        BigDecimal gmv = event.requireMoney("gmv");
        BigDecimal spend = event.moneyOrZero("adSpend");
        return operators.countSession(sessionId, providerId, operatorId, gmv, spend, event.id())
                .onFailure(ProblemException.class).transform(e -> new PoisonMessageException("SessionEnded " + event.id()
                        + " names operator " + operatorId + " that provider " + providerId + " does not have"))
                .replaceWithVoid();
    }
}
