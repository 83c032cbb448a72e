package com.livecommerce.provider.leaderboard;

import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.rest.QueryParams;
import com.livecommerce.plumbing.time.Period;
import com.livecommerce.provider.provider.ProviderType;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/leaderboards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "horse racing", description = "Horse racing (强赛马): leaderboards per cohort and period, probation")
@SecurityRequirement(name = "oidc")
public class LeaderboardResource {

    @Inject
    LeaderboardService leaderboards;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, PROVIDER})
    @Operation(operationId = "listLeaderboardEntries", summary = "A period's leaderboards per cohort (type, category): rank, score,"
            + " its components, probation; without a period, the latest computed one")
    public Uni<Page<LeaderboardStore.EntryView>> list(
            @Parameter(description = "YYYY, YYYYHn, YYYYQn or YYYY-MM, e.g. `2021H2`; without it, the latest computed period",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @QueryParam("period") String period,
            @Parameter(schema = @Schema(implementation = ProviderType.class)) @QueryParam("type") String type,
            @Parameter(description = "Category code, e.g. `kidswear`") @QueryParam("category") String category,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return leaderboards.list(period == null || period.isBlank() ? null : Period.parse("period", period),
                QueryParams.enumValue("type", type, ProviderType.class),
                category == null || category.isBlank() ? null : category.trim(), PageRequest.of(page, size));
    }

    @POST
    @Path("/{period}/compute")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "computeLeaderboards", summary = "Compute (or recompute) a period's leaderboards now (platform-admin); the same data gives the same boards")
    public Uni<LeaderboardService.Summary> compute(
            @Parameter(description = "The period: YYYY, YYYYHn, YYYYQn or YYYY-MM", example = "2021-11",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")) @PathParam("period") String period) {
        return leaderboards.compute(Period.parse("period", period), identity.getPrincipal().getName());
    }
}
