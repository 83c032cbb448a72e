package com.livecommerce.provider.operator;

import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Operator-run session statistics from {@code session-events}: each SessionEnded that names an
 * operator adds one session, its GMV and its ad spend to that operator (once per event id).
 * Sessions without an operator, and other event types, are ignored.
 */
@ApplicationScoped
public class OperatorSessionsConsumer {

    static final String CONSUMER = "provider-operator-sessions";

    private static final String ADD = "update operator set sessions_run = sessions_run + 1, session_gmv = session_gmv + :gmv,"
            + " ad_spend = ad_spend + :spend, version = version + 1 where id = :operator and provider_id = :provider";

    @Inject
    IdempotentConsumer consumer;

    @Incoming("session-events")
    public Uni<Void> onSessionEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        UUID operatorId = "SessionEnded".equals(event.type()) ? event.optionalUuid("operatorId") : null;
        if (operatorId == null) {
            return Uni.createFrom().voidItem();
        }
        UUID providerId = event.requireUuid("providerId");
        BigDecimal gmv = event.requireMoney("gmv");
        BigDecimal spend = event.moneyOrZero("adSpend");
        return Panache.getSession().chain(s -> s.createNativeQuery(ADD)
                .setParameter("gmv", gmv).setParameter("spend", spend)
                .setParameter("operator", operatorId).setParameter("provider", providerId)
                .executeUpdate())
                .chain(updated -> updated == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new PoisonMessageException("SessionEnded " + event.id()
                                + " names operator " + operatorId + " that provider " + providerId + " does not have")));
    }
}
