package com.livecommerce.session.kpi;

import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.OPERATOR;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.session.session.SessionAccess;
import com.livecommerce.session.session.SessionStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/sessions/{id}/kpis")
@Tag(name = "kpis", description = "Streaming KPIs of a session")
@SecurityRequirement(name = "oidc")
public class KpiResource {

    @Inject
    KpiService kpis;

    @Inject
    SessionAccess access;

    @ConfigProperty(name = "session.kpi.stream-interval", defaultValue = "PT0.5S")
    Duration streamInterval;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "getSessionKpis", summary = "A session's KPIs (any instance answers for any session)")
    public Uni<SessionKpis> get(@PathParam("id") UUID id) {
        return kpis.kpis(id, access.readers());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "streamSessionKpis",
            summary = "Server-Sent Events: a fresh KPI snapshot every half second while the session is LIVE (or until its final KPIs)")
    @APIResponse(responseCode = "200", description = "An event stream; each event's data is a SessionKpis object",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = SessionKpis.class)))
    @Blocking
    public Multi<SessionKpis> stream(@PathParam("id") UUID id) {
        SessionAccess.Caller caller = access.readers();
        // found and allowed before the stream starts, so a 404 or 403 is an answer, not a broken stream
        SessionKpis first = kpis.kpis(id, caller).await().atMost(Duration.ofSeconds(10));
        if (!open(first)) {
            return Multi.createFrom().item(first);
        }
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first),
                Multi.createBy().repeating().uni(() -> kpis.kpis(id, caller)).withDelay(streamInterval).whilst(KpiResource::open));
    }

    /** Keep streaming while the KPIs can still change. */
    static boolean open(SessionKpis k) {
        return k.status() == SessionStatus.SCHEDULED || k.status() == SessionStatus.LIVE
                || k.status() == SessionStatus.ENDED && !k.closed();
    }

    @ServerExceptionMapper
    public Response unavailable(KpiStreams.KpisUnavailable e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "1")
                .entity(Problem.of(ProblemType.UNAVAILABLE, e.getMessage() + "; retry in a second")).build();
    }
}
