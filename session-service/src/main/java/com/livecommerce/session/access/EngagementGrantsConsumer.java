package com.livecommerce.session.access;

import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.security.AccessGrants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the plumbing's access grants from {@code engagement-events}: a provider reads a merchant's data here only
 * while an engagement between them is ACTIVE ({@code TenantGuard}). Once per event; stale versions change nothing.
 */
@ApplicationScoped
public class EngagementGrantsConsumer {

    static final String CONSUMER = "session-access-grants";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AccessGrants grants;

    @Incoming("engagement-events")
    public Uni<Void> onEngagementEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, grants::apply);
    }
}
