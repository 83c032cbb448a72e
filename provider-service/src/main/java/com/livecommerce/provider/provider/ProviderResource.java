package com.livecommerce.provider.provider;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;

import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.rest.QueryParams;
import com.livecommerce.plumbing.security.TenantGuard;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "providers", description = "Service providers: MCN, industrial-belt and brand providers")
@SecurityRequirement(name = "oidc")
public class ProviderResource {

    @Inject
    Idempotency idempotency;

    @Inject
    ProviderService service;

    @Inject
    TenantGuard tenants;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "registerProvider", summary = "Register a provider's application (platform-admin); status APPLIED until reviewed")
    @APIResponse(responseCode = "201", description = "Created; `Location` is the new provider's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProviderView.class)),
            headers = @Header(name = "Location", description = "URL of the new provider",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> apply(@Valid @NotNull ProviderApplication application, @Context UriInfo uri) {
        return idempotency.create(application, () -> service.apply(application)
                .map(p -> Response.created(uri.getAbsolutePathBuilder().path(p.id().toString()).build()).entity(p).build()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, PROVIDER})
    @Operation(operationId = "getProvider", summary = "A provider (platform-admin or the provider itself)")
    public Uni<ProviderView> get(@PathParam("id") UUID id) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return service.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, PROVIDER})
    @Operation(operationId = "updateProvider", summary = "Change a provider's profile; `version` must be the current one, else 409. While APPLIED or ADMITTED, "
            + "declaredServedGmv, categories and capacity are changed by platform-admin only (audited)")
    public Uni<ProviderView> patch(@PathParam("id") UUID id, @Valid @NotNull ProviderPatch patch) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return service.patch(id, patch, identity.getPrincipal().getName(), tenants.hasAnyRole(PLATFORM_ADMIN));
    }

    @GET
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "listProviders", summary = "Providers, filtered and paged (platform-admin)")
    public Uni<Page<ProviderView>> list(@Parameter(schema = @Schema(implementation = ProviderType.class)) @QueryParam("type") String type,
            @Parameter(description = "Category code, e.g. `kidswear`") @QueryParam("category") String category,
            @Parameter(description = "Region or industrial belt, e.g. `Zhili, Huzhou`") @QueryParam("region") String region,
            @Parameter(schema = @Schema(implementation = ProviderStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = Tier.class)) @QueryParam("tier") String tier,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        var filter = new ProviderRepository.Filter(QueryParams.enumValue("type", type, ProviderType.class),
                blankToNull(category), blankToNull(region), QueryParams.enumValue("status", status, ProviderStatus.class),
                QueryParams.enumValue("tier", tier, Tier.class));
        return service.list(filter, PageRequest.of(page, size));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
