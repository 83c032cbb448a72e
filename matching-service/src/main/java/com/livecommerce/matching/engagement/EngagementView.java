package com.livecommerce.matching.engagement;

import com.livecommerce.matching.readmodel.Need;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An engagement on the wire. */
@Schema(name = "Engagement", requiredProperties = {"id", "merchantId", "providerId", "status", "needs", "term", "commissionBps",
        "proposedAt", "version"})
public record EngagementView(UUID id, UUID merchantId, UUID providerId, EngagementStatus status, Set<Need> needs,
        @Schema(description = "months") int term, @Schema(nullable = true) KpiCommitment kpiCommitment, int commissionBps,
        @Schema(nullable = true, description = "the campaign that proposed it") UUID campaignId, OffsetDateTime proposedAt,
        @Schema(nullable = true) OffsetDateTime acceptedAt, @Schema(nullable = true) OffsetDateTime activatedAt,
        @Schema(nullable = true, description = "activation day + term (UTC)") LocalDate endsOn,
        @Schema(nullable = true) OffsetDateTime completedAt, @Schema(nullable = true) OffsetDateTime terminatedAt,
        @Schema(nullable = true) String terminationReason, @Schema(nullable = true) Rating rating,
        @Schema(nullable = true) Outcome outcome,
        @Schema(nullable = true, description = "the source reference when the engagement was imported after the fact"
                + " (POST /engagements/imports); null for one run on the platform") String importedFrom,
        long version) {

    public static EngagementView of(Engagement e) {
        Rating rating = e.ratingResults == null ? null : new Rating(e.ratingResults, e.ratingCommunication, e.ratingProfessionalism);
        Outcome outcome = null;
        if (e.gmvDuring != null) {
            LocalDate from = OutcomeCalculator.utcDay(e.activatedAt);
            LocalDate to = OutcomeCalculator.utcDay(e.completedAt);
            long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
            outcome = new Outcome(e.gmvBefore, e.gmvDuring, e.uplift, e.kpiCommitmentMet, Boolean.TRUE.equals(e.leap), from, to,
                    from.minusDays(days), from.minusDays(1), e.leapPriorGmv, e.leapTrailingGmv, e.bandBefore, e.bandAfter);
        }
        return new EngagementView(e.id, e.merchantId, e.providerId, e.status, e.needs, e.termMonths,
                e.kpiGmvTarget == null ? null : new KpiCommitment(e.kpiGmvTarget), e.commissionBps, e.campaignId, e.proposedAt,
                e.acceptedAt, e.activatedAt, e.endsOn, e.completedAt, e.terminatedAt, e.terminationReason, rating, outcome,
                e.importReference, e.version);
    }
}
