package com.livecommerce.merchant.servicerequest;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/merchants/{id}/service-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "service requests", description = "What merchants ask service providers for")
@SecurityRequirement(name = "oidc")
public class ServiceRequestResource {

    @Inject
    Idempotency idempotency;

    @Inject
    ServiceRequestService service;

    @Inject
    TenantGuard tenants;

    @POST
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT})
    @Operation(operationId = "createServiceRequest", summary = "Ask for a service provider (the merchant itself or platform-admin)")
    @APIResponse(responseCode = "201", description = "Created; `Location` is the new service request's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceRequestView.class)),
            headers = @Header(name = "Location", description = "URL of the new service request",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> create(@PathParam("id") UUID id, @Valid @NotNull NewServiceRequest request, @Context UriInfo uri) {
        tenants.requireMerchant(id, PLATFORM_ADMIN);
        return idempotency.create(request, () -> service.create(id, request)
                .map(r -> Response.created(uri.getAbsolutePathBuilder().path(r.id().toString()).build()).entity(r).build()));
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "listServiceRequests",
            summary = "A merchant's service requests, newest first (also for a provider while an engagement with it is ACTIVE)")
    public Uni<Page<ServiceRequestView>> list(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return tenants.requireMerchantOrEngagedProvider(id, PLATFORM_ADMIN, VIEWER)
                .chain(() -> service.list(id, PageRequest.of(page, size)));
    }

    @GET
    @Path("/{requestId}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "getServiceRequest", summary = "One service request")
    public Uni<ServiceRequestView> get(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId) {
        return tenants.requireMerchantOrEngagedProvider(id, PLATFORM_ADMIN, VIEWER).chain(() -> service.get(id, requestId));
    }
}
