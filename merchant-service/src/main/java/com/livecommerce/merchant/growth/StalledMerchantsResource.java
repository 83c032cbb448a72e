package com.livecommerce.merchant.growth;

import com.livecommerce.plumbing.time.Period;

import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/merchants/stalled")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "growth", description = "GMV growth between two periods and stall detection")
@SecurityRequirement(name = "oidc")
public class StalledMerchantsResource {

    @Inject
    GrowthQueries growth;

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "listStalledMerchants", summary = "Merchants whose later-period GMV <= earlier-period GMV, with activeMerchants and stalledShare (platform-admin, viewer)")
    public Uni<StalledPage> stalled(
            @Parameter(required = true, description = "The earlier period: YYYY, YYYYHn, YYYYQn or YYYY-MM", example = "2021H1",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("earlier") String earlier,
            @Parameter(required = true, description = "The later period: YYYY, YYYYHn, YYYYQn or YYYY-MM", example = "2021H2",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("later") String later,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return growth.stalled(Period.parse("earlier", earlier), Period.parse("later", later), PageRequest.of(page, size));
    }
}
