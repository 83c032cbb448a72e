package com.livecommerce.matching.engagement;

import com.livecommerce.matching.readmodel.Need;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code engagement-events} topic (key and ce_subject = engagement id) and its types. Every type carries the
 * engagement after the change, with its {@code status} and {@code version} (so a consumer can order them);
 * EngagementCompleted adds the measured {@code outcome} and the merchant's {@code rating}; EngagementTerminated
 * the {@code reason} and the status it ended from. An engagement imported after the fact ({@code importedFrom}: its source
 * reference) is published as the same four events, Proposed to Completed, versions 0 to 3, in one transaction.
 * Schemas: {@code src/main/resources/events/engagement-events/}.
 */
public final class EngagementEvents {

    public static final String TOPIC = "engagement-events";

    public static final String PROPOSED = "EngagementProposed";
    public static final String ACCEPTED = "EngagementAccepted";
    public static final String ACTIVATED = "EngagementActivated";
    public static final String COMPLETED = "EngagementCompleted";
    public static final String TERMINATED = "EngagementTerminated";

    private EngagementEvents() {
    }

    /** Data of every engagement event. */
    public record Data(UUID engagementId, UUID merchantId, UUID providerId, EngagementStatus status, Set<Need> needs, int term,
            KpiCommitment kpiCommitment, int commissionBps, UUID campaignId, OffsetDateTime proposedAt, OffsetDateTime acceptedAt,
            OffsetDateTime activatedAt, LocalDate endsOn, OffsetDateTime completedAt, OffsetDateTime terminatedAt,
            EngagementStatus terminatedFrom, String reason, Outcome outcome, Rating rating, String importedFrom, long version) {

        public static Data of(EngagementView e, EngagementStatus terminatedFrom) {
            return new Data(e.id(), e.merchantId(), e.providerId(), e.status(), e.needs(), e.term(), e.kpiCommitment(),
                    e.commissionBps(), e.campaignId(), e.proposedAt(), e.acceptedAt(), e.activatedAt(), e.endsOn(),
                    e.completedAt(), e.terminatedAt(), terminatedFrom, e.terminationReason(), e.outcome(), e.rating(), e.importedFrom(),
                    e.version());
        }
    }
}
