package com.livecommerce.plumbing.testapp;

import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.security.AccessGrants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps access grants from {@code plumbing-test-engagement-events}, as a service consuming engagement-events does. */
@ApplicationScoped
public class TestEngagementEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AccessGrants grants;

    @Incoming("test-engagement-events")
    public Uni<Void> on(Message<String> message) {
        return consumer.consume(message, "plumbing-test-grants", grants::apply);
    }
}
