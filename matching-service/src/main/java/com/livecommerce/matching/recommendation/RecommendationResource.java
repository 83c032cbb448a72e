package com.livecommerce.matching.recommendation;

import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.security.TenantGuard;
import io.smallrye.common.annotation.NonBlocking;
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

@Path("/merchants/{merchantId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations", description = "Providers ranked for a merchant by an explainable score")
@SecurityRequirement(name = "oidc")
public class RecommendationResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    @Inject
    Recommender recommender;

    @Inject
    MatchingIndex index;

    @Inject
    TenantGuard tenants;

    @GET
    @NonBlocking
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT})
    @Operation(operationId = "recommendProviders",
            summary = "Providers for a merchant, best first, each with its score's components (platform-admin, viewer, the merchant itself)")
    public Recommendation recommend(@PathParam("merchantId") UUID merchantId,
            @Parameter(description = "How many providers (1-100)", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "100", defaultValue = "10")) @QueryParam("limit") String limit) {
        tenants.requireMerchant(merchantId, PLATFORM_ADMIN, VIEWER);
        int n = limit(limit);
        MerchantEntry merchant = index.merchant(merchantId).filter(MerchantEntry::registered)
                .orElseThrow(() -> ProblemException.notFound("merchant", merchantId));
        return recommender.recommend(merchant, n);
    }

    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int n;
        try {
            n = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.wrongType("limit", "'" + raw + "' is not an integer");
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return n;
    }
}
