package com.livecommerce.matching.engagement;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.matching.index.MatchingIndex;
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

@Path("/engagements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "engagements", description = "Contracts between a merchant and a provider: scope, term, KPI commitment, commission; lifecycle and outcome")
@SecurityRequirement(name = "oidc")
public class EngagementResource {

    @Inject
    Idempotency idempotency;

    @Inject
    EngagementService service;

    @Inject
    TenantGuard tenants;

    @Inject
    MatchingIndex index;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT, PROVIDER})
    @Operation(operationId = "proposeEngagement",
            summary = "Propose an engagement (platform-admin, or the merchant or provider it is between)")
    @APIResponse(responseCode = "201", description = "Proposed; `Location` is the new engagement's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EngagementView.class)),
            headers = @Header(name = "Location", description = "URL of the new engagement",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> propose(@Valid @NotNull NewEngagement request, @Context UriInfo uri) {
        Caller caller = Caller.of(tenants);
        if (!caller.admin() && !caller.isMerchant(request.merchantId()) && !caller.isProvider(request.providerId())) {
            throw ProblemException.forbidden("a merchant or provider may only propose engagements of its own");
        }
        return idempotency.create(request, () -> service.propose(request, caller)
                .map(e -> Response.created(uri.getAbsolutePathBuilder().path(e.id().toString()).build()).entity(e).build()))
                .invoke(index::poke);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "getEngagement", summary = "One engagement (platform-admin, viewer, or its merchant or provider)")
    public Uni<EngagementView> get(@PathParam("id") UUID id) {
        return service.get(id, Caller.of(tenants));
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "listEngagements",
            summary = "Engagements, filtered and paged; a merchant or provider sees its own only (its id is the default filter)")
    public Uni<Page<EngagementView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("merchantId") String merchantId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("providerId") String providerId,
            @Parameter(schema = @Schema(implementation = EngagementStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("campaignId") String campaignId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        Caller caller = Caller.of(tenants);
        UUID merchant = uuid("merchantId", merchantId);
        UUID provider = uuid("providerId", providerId);
        UUID campaign = uuid("campaignId", campaignId);
        EngagementStatus state = QueryParams.enumValue("status", status, EngagementStatus.class);
        PageRequest paging = PageRequest.of(page, size);
        if (!caller.admin() && !caller.viewer()) {
            if (caller.merchantId() != null && (merchant == null || merchant.equals(caller.merchantId()))) {
                merchant = caller.merchantId();
            } else if (caller.providerId() != null && (provider == null || provider.equals(caller.providerId()))) {
                provider = caller.providerId();
            } else {
                throw ProblemException.forbidden("a merchant or provider may only list its own engagements");
            }
        }
        return service.list(new EngagementRepository.Filter(merchant, provider, state, campaign), paging);
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT})
    @Operation(operationId = "acceptEngagement",
            summary = "The merchant accepts: PROPOSED -> ACCEPTED; holds one unit of the provider's capacity (none left: 409)")
    public Uni<EngagementView> accept(@PathParam("id") UUID id) {
        return service.accept(id, Caller.of(tenants)).invoke(index::poke);
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed({PLATFORM_ADMIN, PROVIDER})
    @Operation(operationId = "activateEngagement", summary = "The provider starts the work: ACCEPTED -> ACTIVE; the term runs from today (UTC)")
    public Uni<EngagementView> activate(@PathParam("id") UUID id) {
        return service.activate(id, Caller.of(tenants)).invoke(index::poke);
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT})
    @Operation(operationId = "completeEngagement",
            summary = "The merchant completes and rates (1-5): ACTIVE -> COMPLETED; the outcome is measured from the merchant's ledger")
    public Uni<EngagementView> complete(@PathParam("id") UUID id, @Valid @NotNull Completion completion) {
        return service.complete(id, completion.rating(), Caller.of(tenants)).invoke(index::poke);
    }

    @POST
    @Path("/{id}/terminate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT, PROVIDER})
    @Operation(operationId = "terminateEngagement",
            summary = "Either side (or platform-admin) ends an open engagement with a reason; held capacity is released")
    public Uni<EngagementView> terminate(@PathParam("id") UUID id, @Valid @NotNull Termination termination) {
        return service.terminate(id, termination.reason(), Caller.of(tenants)).invoke(index::poke);
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
