package com.livecommerce.provider.trackrecord;

import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/programs/windmaker")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "windmaker", description = "The Windmaker program (造风者计划): tiers and incubation badges against targets")
@SecurityRequirement(name = "oidc")
public class WindmakerResource {

    /**
     * One line of the program: providers in good standing (admitted, not suspended) that reached the level (at least it: a BILLION
     * provider also counts toward HUNDRED_MILLION, an INCUBATOR_50 toward INCUBATOR_20), the target,
     * and attainment = providers / target.
     */
    @Schema(name = "WindmakerLine", requiredProperties = {"level", "providers", "target", "attainment"})
    public record Line(@Schema(enumeration = {"BILLION", "HUNDRED_MILLION", "INCUBATOR_50", "INCUBATOR_20"}) String level,
            long providers, int target, BigDecimal attainment) {
    }

    @Schema(name = "WindmakerProgram", requiredProperties = {"tiers", "badges"})
    public record Program(List<Line> tiers, List<Line> badges) {
    }

    @Inject
    WindmakerQueries queries;

    @Inject
    TierPolicy policy;

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, PROVIDER})
    @Operation(operationId = "getWindmakerProgram", summary = "Windmaker program (造风者计划): providers in good standing (admitted, not suspended)"
            + " per tier and badge against the targets 100 / 200 / 50 / 100")
    public Uni<Program> program() {
        return queries.inGoodStanding().map(n -> {
            TierPolicy.Config c = policy.config();
            return new Program(
                    List.of(line("BILLION", n.billion(), c.targetBillion()),
                            line("HUNDRED_MILLION", n.hundredMillion(), c.targetHundredMillion())),
                    List.of(line("INCUBATOR_50", n.incubator50(), c.targetIncubator50()),
                            line("INCUBATOR_20", n.incubator20(), c.targetIncubator20())));
        });
    }

    private static Line line(String level, long providers, int target) {
        return new Line(level, providers, target,
                BigDecimal.valueOf(providers).divide(BigDecimal.valueOf(target), 4, RoundingMode.HALF_UP));
    }
}
