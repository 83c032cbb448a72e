package com.livecommerce.session.session;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.OPERATOR;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.TELEMETRY_WRITER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.rest.QueryParams;
import com.livecommerce.plumbing.security.TenantGuard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions", description = "Live sessions: schedule, reservations, start, end, cancel")
@SecurityRequirement(name = "oidc")
public class SessionResource {

    @Inject
    Idempotency idempotency;

    @Inject
    SessionService service;

    @Inject
    SessionAccess access;

    @Inject
    TenantGuard tenants;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT, PROVIDER})
    @Operation(operationId = "scheduleSession",
            summary = "Schedule a session (platform-admin, the merchant itself, or the provider that will run it)")
    @APIResponse(responseCode = "201", description = "Scheduled; `Location` is the new session's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)),
            headers = @Header(name = "Location", description = "URL of the new session",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> schedule(@Valid @NotNull NewSession request, @Context UriInfo uri) {
        tenants.participant(PLATFORM_ADMIN).ifPresent(p -> {
            if (!p.takesPartIn(request.merchantId(), request.providerId(), null) || "operator".equals(p.role())) {
                throw ProblemException.forbidden("a merchant schedules its own sessions, a provider those it runs");
            }
        });
        return idempotency.create(request, () -> service.schedule(request)
                .map(s -> Response.created(uri.getAbsolutePathBuilder().path(s.id().toString()).build()).entity(s).build()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "getSession", summary = "A session (platform-admin, viewer, its merchant, provider or operator, or a provider while an engagement with its merchant is ACTIVE)")
    public Uni<SessionView> get(@PathParam("id") UUID id) {
        SessionAccess.Caller caller = access.readers();
        return service.find(id).chain(caller::checkRead).map(SessionView::of);
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "listSessions",
            summary = "Sessions, filtered and paged; a merchant, provider or operator sees only its own, a provider also all sessions of a merchant (merchantId) it has an ACTIVE engagement with")
    public Uni<Page<SessionView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("merchantId") String merchantId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("providerId") String providerId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("operatorId") String operatorId,
            @Parameter(schema = @Schema(implementation = SessionStatus.class)) @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        SessionRepository.Filter filter = new SessionRepository.Filter(uuid("merchantId", merchantId), uuid("providerId", providerId),
                uuid("operatorId", operatorId), QueryParams.enumValue("status", status, SessionStatus.class));
        PageRequest paging = PageRequest.of(page, size);
        return access.readers().narrowRead(filter).chain(narrowed -> service.list(narrowed, paging));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "startSession", summary = "SCHEDULED -> LIVE (else 409); the airtime starts now")
    public Uni<SessionView> start(@PathParam("id") UUID id) {
        SessionAccess.Caller caller = access.runners();
        return service.start(id, caller);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "endSession",
            summary = "LIVE -> ENDED (else 409); late telemetry is accepted for the allowed lateness, then SessionEnded carries the final KPIs")
    public Uni<SessionView> end(@PathParam("id") UUID id) {
        SessionAccess.Caller caller = access.runners();
        return service.end(id, caller);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT, PROVIDER})
    @Operation(operationId = "cancelSession", summary = "SCHEDULED -> CANCELLED (else 409)")
    public Uni<SessionView> cancel(@PathParam("id") UUID id) {
        SessionAccess.Caller caller = access.runners();
        return service.cancel(id, caller);
    }

    @POST
    @Path("/{id}/reservations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, TELEMETRY_WRITER, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "reserveSession",
            summary = "A viewer reserves (预约) a SCHEDULED or LIVE session; once per viewer (again: 200 with the first reservation)")
    @APIResponse(responseCode = "201", description = "Reserved; `Location` is the reservation's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)),
            headers = @Header(name = "Location", description = "URL of the reservation",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "200", description = "The viewer had reserved already: the first reservation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)))
    public Uni<Response> reserve(@PathParam("id") UUID id, @Valid @NotNull NewReservation request, @Context UriInfo uri) {
        SessionAccess.Caller caller = access.runners(TELEMETRY_WRITER);
        return idempotency.create(request, () -> service.reserve(id, request.viewerId(), caller)
                .map(r -> r.created()
                        ? Response.created(uri.getAbsolutePathBuilder().path(r.reservation().viewerId()).build()).entity(r.reservation()).build()
                        : Response.ok(r.reservation()).build()));
    }

    @GET
    @Path("/{id}/reservations/{viewerId}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, TELEMETRY_WRITER, MERCHANT, PROVIDER, OPERATOR})
    @Operation(operationId = "getReservation", summary = "A viewer's reservation of a session")
    public Uni<ReservationView> reservation(@PathParam("id") UUID id, @PathParam("viewerId") String viewerId) {
        SessionAccess.Caller caller = access.readers(TELEMETRY_WRITER);
        return service.reservation(id, viewerId, caller);
    }

    static UUID uuid(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.wrongType(field, "'" + raw + "' is not a UUID");
        }
    }
}
