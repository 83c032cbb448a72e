package com.livecommerce.matching.insights;

import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.time.Period;
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

@Path("/insights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "insights", description = "How the provider ecosystem does: served and stalled shares, growth of served vs unserved merchants, leaps")
@SecurityRequirement(name = "oidc")
public class InsightsResource {

    @Inject
    InsightsQueries queries;

    @GET
    @Path("/ecosystem")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "getEcosystemInsights", summary = "The ecosystem between two periods (platform-admin, viewer)")
    public Uni<EcosystemInsights> ecosystem(
            @Parameter(required = true, description = "The earlier period: YYYY, YYYYHn, YYYYQn or YYYY-MM", example = "2021H1",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("earlier") String earlier,
            @Parameter(required = true, description = "The later period", example = "2021H2",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("later") String later) {
        return queries.ecosystem(Period.parse("earlier", earlier), Period.parse("later", later));
    }
}
