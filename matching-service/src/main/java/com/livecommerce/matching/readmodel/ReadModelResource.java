package com.livecommerce.matching.readmodel;

import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.plumbing.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What matching knows of a merchant or a provider (its read models, as the in-memory index holds them). */
@Path("/read-models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "read models", description = "Merchants and providers as matching knows them, built from their events")
@SecurityRequirement(name = "oidc")
public class ReadModelResource {

    @Inject
    MatchingIndex index;

    @Inject
    ReadModelQueries queries;

    @Schema(name = "MerchantReadModel", requiredProperties = {"id", "registered", "needs", "profileVersion", "stageVersion",
            "ledgerEntries", "ledgerGmv"})
    public record MerchantReadModel(UUID id, boolean registered, @Schema(nullable = true) String name,
            @Schema(nullable = true, description = "null until MerchantRegistered arrives") MerchantKind kind, @Schema(nullable = true) String category,
            @Schema(nullable = true) String region, @Schema(nullable = true, enumeration = {"NEW", "GROWING", "STALLED", "DECLINING"}) String stage,
            @Schema(description = "needs of the merchant's latest service request") Set<Need> needs, long profileVersion,
            long stageVersion, long ledgerEntries, BigDecimal ledgerGmv, @Schema(nullable = true) LocalDate firstLedgerDate,
            @Schema(nullable = true) LocalDate lastLedgerDate) {
    }

    @Schema(name = "ProviderReadModel", requiredProperties = {"id", "name", "type", "categories", "regions", "capabilities",
            "capacity", "held", "proposed", "remainingCapacity", "inGoodStanding", "tier", "badge", "servedGmv12m",
            "merchantsLeapt", "version"})
    public record ProviderReadModel(UUID id, String name, ProviderType type,
            Set<String> categories, Set<String> regions, Set<Need> capabilities, int capacity,
            @Schema(description = "engagements holding capacity (ACCEPTED, ACTIVE)") int held,
            @Schema(description = "open proposals (PROPOSED)") int proposed, int remainingCapacity,
            @Schema(description = "admitted and not suspended") boolean inGoodStanding,
            @Schema(enumeration = {"NONE", "HUNDRED_MILLION", "BILLION"}) String tier,
            @Schema(enumeration = {"NONE", "INCUBATOR_20", "INCUBATOR_50"}) String badge, BigDecimal servedGmv12m,
            int merchantsLeapt, long version) {
    }

    @GET
    @Path("/merchants/{id}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "getMerchantReadModel", summary = "A merchant as matching knows it, from merchant-events (platform-admin, viewer)")
    public Uni<MerchantReadModel> merchant(@PathParam("id") UUID id) {
        MerchantEntry m = index.merchant(id).orElseThrow(() -> ProblemException.notFound("merchant", id));
        return queries.ledger(id).map(l -> new MerchantReadModel(m.id(), m.registered(), m.name(),
                m.kind() == null ? null : MerchantKind.valueOf(m.kind()), m.category(),
                m.region(), m.stage(), Need.of(m.needs()), m.profileVersion(), m.stageVersion(), l.entries(), l.totalGmv(),
                l.firstDate(), l.lastDate()));
    }

    @GET
    @Path("/providers/{id}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "getProviderReadModel", summary = "A provider as matching knows it, from provider-events (platform-admin, viewer)")
    public ProviderReadModel provider(@PathParam("id") UUID id) {
        ProviderEntry p = index.provider(id).orElseThrow(() -> ProblemException.notFound("provider", id));
        return new ProviderReadModel(p.id(), p.name(), ProviderType.valueOf(p.type()), p.categories(), p.regions(), Need.of(p.capabilities()),
                p.capacity(), index.held(id), index.proposed(id), index.remainingCapacity(p), p.inGoodStanding(), p.tier(),
                p.badge(), p.servedGmv12m(), p.merchantsLeapt(), p.version());
    }
}
