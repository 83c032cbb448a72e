package com.livecommerce.merchant.growth;

import com.livecommerce.plumbing.time.Period;

import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/merchants/{id}/growth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "growth", description = "GMV growth between two periods and stall detection")
@SecurityRequirement(name = "oidc")
public class GrowthResource {

    @Inject
    GrowthQueries growth;

    @Inject
    TenantGuard tenants;

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "getGrowth", summary = "GMV growth of a merchant between two periods (YYYY, YYYYHn, YYYYQn, YYYY-MM);"
            + " platform-admin, viewer, the merchant itself, or a provider while an engagement with it is ACTIVE")
    public Uni<GrowthReport> growth(@PathParam("id") UUID id,
            @Parameter(required = true, description = "The earlier period: YYYY, YYYYHn, YYYYQn or YYYY-MM", example = "2021H1",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("earlier") String earlier,
            @Parameter(required = true, description = "The later period: YYYY, YYYYHn, YYYYQn or YYYY-MM", example = "2021H2",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("later") String later) {
        return tenants.requireMerchantOrEngagedProvider(id, PLATFORM_ADMIN, VIEWER)
                .chain(() -> growth.growth(id, Period.parse("earlier", earlier), Period.parse("later", later)));
    }
}
