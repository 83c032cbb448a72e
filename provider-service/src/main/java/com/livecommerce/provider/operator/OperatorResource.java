package com.livecommerce.provider.operator;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;

import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.security.TenantGuard;
import io.quarkus.security.identity.SecurityIdentity;
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

@Path("/providers/{id}/operators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "operators", description = "A provider's operators (操盘手) and their session statistics")
@SecurityRequirement(name = "oidc")
public class OperatorResource {

    @Inject
    Idempotency idempotency;

    @Inject
    OperatorService service;

    @Inject
    TenantGuard tenants;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed({PLATFORM_ADMIN, PROVIDER})
    @Operation(operationId = "addOperator", summary = "Add an operator (操盘手) to a provider (platform-admin or the provider itself); "
            + "`certified: true` only from platform-admin, with `evidence`")
    @APIResponse(responseCode = "201", description = "Created; `Location` is the new operator's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OperatorView.class)),
            headers = @Header(name = "Location", description = "URL of the new operator",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> add(@PathParam("id") UUID id, @Valid @NotNull NewOperator request, @Context UriInfo uri) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        String actor = actor();
        boolean admin = tenants.hasAnyRole(PLATFORM_ADMIN);
        return idempotency.create(request, () -> service.add(id, request, actor, admin)
                .map(o -> Response.created(uri.getAbsolutePathBuilder().path(o.id().toString()).build()).entity(o).build()));
    }

    @POST
    @Path("/{operatorId}/certification")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "certifyOperator", summary = "Certify an operator (platform-admin), with the evidence; audited. Already certified: 409")
    public Uni<OperatorView> certify(@PathParam("id") UUID id, @PathParam("operatorId") UUID operatorId,
            @Valid @NotNull Certification body) {
        return service.certify(id, operatorId, body.evidence(), actor());
    }

    @GET
    @Path("/{operatorId}")
    @RolesAllowed({PLATFORM_ADMIN, PROVIDER})
    @Operation(operationId = "getOperator", summary = "One operator with its session statistics")
    public Uni<OperatorView> get(@PathParam("id") UUID id, @PathParam("operatorId") UUID operatorId) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return service.get(id, operatorId);
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, PROVIDER})
    @Operation(operationId = "listOperators", summary = "A provider's operators with their session statistics (sessions run, GMV, ROI)")
    public Uni<Page<OperatorView>> list(@PathParam("id") UUID id, @QueryParam("page") String page, @QueryParam("size") String size) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return service.list(id, PageRequest.of(page, size));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
