package com.livecommerce.provider.trackrecord;

import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
     * One line of the program: admitted providers that reached the level (at least it: a BILLION
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
    Pool pool;

    @Inject
    TierPolicy policy;

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, PROVIDER})
    @Operation(operationId = "getWindmakerProgram", summary = "Windmaker program (造风者计划): providers per tier and badge against the targets 100 / 200 / 50 / 100")
    public Uni<Program> program() {
        return pool.query("select count(*) filter (where tier = 'BILLION') as billion,"
                        + " count(*) filter (where tier in ('BILLION', 'HUNDRED_MILLION')) as hundred_million,"
                        + " count(*) filter (where badge = 'INCUBATOR_50') as incubator_50,"
                        + " count(*) filter (where badge in ('INCUBATOR_50', 'INCUBATOR_20')) as incubator_20"
                        + " from provider where admission = 'ADMITTED'")
                .execute().map(rows -> {
                    Row r = rows.iterator().next();
                    TierPolicy.Config c = policy.config();
                    return new Program(
                            List.of(line("BILLION", r.getLong("billion"), c.targetBillion()),
                                    line("HUNDRED_MILLION", r.getLong("hundred_million"), c.targetHundredMillion())),
                            List.of(line("INCUBATOR_50", r.getLong("incubator_50"), c.targetIncubator50()),
                                    line("INCUBATOR_20", r.getLong("incubator_20"), c.targetIncubator20())));
                });
    }

    private static Line line(String level, long providers, int target) {
        return new Line(level, providers, target,
                BigDecimal.valueOf(providers).divide(BigDecimal.valueOf(target), 4, RoundingMode.HALF_UP));
    }
}
