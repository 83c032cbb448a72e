package com.livecommerce.matching.campaign;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign on the wire: its status, the objective and a page of its assignments and of its unassigned merchants. */
@Schema(name = "Campaign", requiredProperties = {"id", "status", "cohort", "term", "commissionBps", "requestedAt", "assignments",
        "unassigned", "page", "size"})
public record CampaignView(UUID id, @Schema(enumeration = {"RUNNING", "COMPLETED", "FAILED"}) String status,
        @Schema(enumeration = {"STALLED", "LIST"}) String cohort, @Schema(nullable = true) String earlier,
        @Schema(nullable = true) String later, int term, int commissionBps, OffsetDateTime requestedAt,
        @Schema(nullable = true) OffsetDateTime completedAt,
        @Schema(nullable = true, description = "merchants in the cohort") Integer cohortSize,
        @Schema(nullable = true) Integer assignedCount, @Schema(nullable = true) Integer unassignedCount,
        @Schema(nullable = true, description = "sum of the assigned scores (6 decimals); the maximum over every feasible assignment")
        BigDecimal objective,
        @Schema(nullable = true, description = "how the solve went: classes, providers, arcs, rounds, pricedPairs, solveMillis, planMillis, writeMillis")
        Map<String, Object> solver,
        @Schema(nullable = true) String failure,
        @Schema(description = "this page of the assignments, by merchant id") List<Assignment> assignments,
        @Schema(description = "this page of the merchants left without a provider, by merchant id") List<Unassigned> unassigned,
        int page, int size) {

    @Schema(name = "CampaignAssignment", requiredProperties = {"merchantId", "providerId", "score", "engagementId"})
    public record Assignment(UUID merchantId, UUID providerId, BigDecimal score,
            @Schema(description = "the engagement proposed for it") UUID engagementId) {
    }

    @Schema(name = "CampaignUnassigned", requiredProperties = {"merchantId", "reason"})
    public record Unassigned(UUID merchantId,
            @Schema(enumeration = {"UNKNOWN_MERCHANT", "ALREADY_ENGAGED", "NO_ELIGIBLE_PROVIDER", "CAPACITY_EXHAUSTED"}) String reason) {
    }
}
