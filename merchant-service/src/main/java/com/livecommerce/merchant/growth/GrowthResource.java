package com.livecommerce.merchant.growth;

import com.livecommerce.plumbing.time.Period;

import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.security.TenantGuard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/merchants/{id}/growth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "growth")
@SecurityRequirement(name = "oidc")
public class GrowthResource {

    @Inject
    GrowthQueries growth;

    @Inject
    TenantGuard tenants;

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT})
    @Operation(summary = "GMV growth of a merchant between two periods (YYYY, YYYYHn, YYYYQn, YYYY-MM)")
    public Uni<GrowthReport> growth(@PathParam("id") UUID id,
            @Parameter(example = "2021H1") @QueryParam("earlier") String earlier,
            @Parameter(example = "2021H2") @QueryParam("later") String later) {
        tenants.requireMerchant(id, PLATFORM_ADMIN, VIEWER);
        return growth.growth(id, Period.parse("earlier", earlier), Period.parse("later", later));
    }
}
