package com.livecommerce.plumbing.testapp;

import com.livecommerce.plumbing.idempotency.Idempotency;
import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.plumbing.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/**
 * A create as a service writes one (IdempotencyTest): a row and its event in one transaction, through
 * {@link Idempotency}. {@code delayMillis} holds the transaction open (pg_sleep), {@code fail} makes it fail after its writes.
 */
@Path("/test/widgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WidgetResource {

    public record NewWidget(String name, Integer delayMillis, Boolean fail) {
    }

    public record Widget(UUID id, String name) {
    }

    @Inject
    Idempotency idempotency;

    @Inject
    Widgets widgets;

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Response> create(NewWidget body, @Context UriInfo uri) {
        return idempotency.create(body, () -> widgets.create(body)
                .map(w -> Response.created(uri.getAbsolutePathBuilder().path(w.id().toString()).build()).entity(w).build()));
    }

    @ApplicationScoped
    public static class Widgets {

        @Inject
        Outbox outbox;

        @WithTransaction
        public Uni<Widget> create(NewWidget body) {
            Widget w = new Widget(UUID.randomUUID(), body.name());
            return Panache.getSession().chain(s -> s.createNativeQuery("insert into test_effect (event_id, source, note) values (:id, 'widget', :name)")
                    .setParameter("id", w.id().toString()).setParameter("name", body.name()).executeUpdate()
                    .chain(() -> body.delayMillis() == null ? Uni.createFrom().item(0)
                            : s.createNativeQuery("select 1 from pg_sleep(:s)").setParameter("s", body.delayMillis() / 1000.0)
                                    .getResultList().replaceWith(0)))
                    .chain(() -> outbox.publish("plumbing-test-widgets", "WidgetCreated", w.id().toString(), w))
                    .map(id -> {
                        if (Boolean.TRUE.equals(body.fail())) {
                            throw new ProblemException(ProblemType.CONFLICT, "failed after its writes, as a crash would");
                        }
                        return w;
                    });
        }
    }
}
