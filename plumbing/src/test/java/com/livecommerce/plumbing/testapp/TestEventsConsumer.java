package com.livecommerce.plumbing.testapp;

import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Applies {@code plumbing-test-events} through the IdempotentConsumer: each event becomes a TestEffect row. */
@ApplicationScoped
public class TestEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Incoming("test-events")
    public Uni<Void> on(Message<String> message) {
        return consumer.consume(message, "plumbing-test", this::apply);
    }

    Uni<Void> apply(ReceivedEvent event) {
        if (event.at("poison") != null) {
            throw new PoisonMessageException("asked to be poison");
        }
        TestEffect effect = new TestEffect();
        effect.eventId = event.id();
        effect.source = event.source();
        effect.note = event.requireText("note");
        return effect.persist().replaceWithVoid();
    }
}
