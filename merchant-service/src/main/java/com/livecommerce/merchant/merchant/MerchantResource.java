package com.livecommerce.merchant.merchant;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

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

@Path("/merchants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "merchants", description = "Merchants: brands, industrial-belt factories and creators")
@SecurityRequirement(name = "oidc")
public class MerchantResource {

    @Inject
    Idempotency idempotency;

    @Inject
    MerchantService service;

    @Inject
    TenantGuard tenants;

    @POST
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "registerMerchant", summary = "Register a merchant (platform-admin)")
    @APIResponse(responseCode = "201", description = "Registered; `Location` is the new merchant's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MerchantView.class)),
            headers = @Header(name = "Location", description = "URL of the new merchant",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> register(@Valid @NotNull NewMerchant request, @Context UriInfo uri) {
        return idempotency.create(request, () -> service.register(request)
                .map(m -> Response.created(uri.getAbsolutePathBuilder().path(m.id().toString()).build()).entity(m).build()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "getMerchant",
            summary = "A merchant (platform-admin, viewer, the merchant itself, or a provider while an engagement with it is ACTIVE)")
    public Uni<MerchantView> get(@PathParam("id") UUID id) {
        return tenants.requireMerchantOrEngagedProvider(id, PLATFORM_ADMIN, VIEWER).chain(() -> service.get(id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, MERCHANT})
    @Operation(operationId = "updateMerchant", summary = "Change a merchant; `version` must be the current one, else 409")
    public Uni<MerchantView> patch(@PathParam("id") UUID id, @Valid @NotNull MerchantPatch patch) {
        tenants.requireMerchant(id, PLATFORM_ADMIN);
        return service.patch(id, patch);
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "listMerchants", summary = "Merchants, filtered and paged (platform-admin, viewer)")
    public Uni<Page<MerchantView>> list(
            @Parameter(schema = @Schema(implementation = MerchantKind.class)) @QueryParam("kind") String kind,
            @Parameter(description = "Category code, e.g. `kidswear`") @QueryParam("category") String category,
            @Parameter(description = "Region or industrial belt, e.g. `Zhili, Huzhou`") @QueryParam("region") String region,
            @Parameter(schema = @Schema(implementation = MerchantStage.class)) @QueryParam("stage") String stage,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        var filter = new MerchantRepository.Filter(QueryParams.enumValue("kind", kind, MerchantKind.class),
                blankToNull(category), blankToNull(region), QueryParams.enumValue("stage", stage, MerchantStage.class));
        return service.list(filter, PageRequest.of(page, size));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
