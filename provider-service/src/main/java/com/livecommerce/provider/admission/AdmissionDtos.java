package com.livecommerce.provider.admission;

import com.livecommerce.provider.provider.ProviderStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and answers of the admission endpoints. */
public final class AdmissionDtos {

    private AdmissionDtos() {
    }

    /** Answer of {@code POST /providers/{id}/review}: every failed rule is in {@code reasons}. */
    @Schema(requiredProperties = {"providerId", "status", "reasons"})
    public record ReviewResult(UUID providerId, ProviderStatus status, List<AdmissionReview.FailedRule> reasons) {
    }

    /** Body of suspend, reinstate and appeal: why. */
    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "AppealOutcome")
    public enum Outcome {
        GRANTED, DENIED
    }

    /** Body of {@code POST /providers/{id}/appeals/{appealId}/decision}. */
    public record AppealDecision(@NotNull Outcome outcome, @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "Decision", requiredProperties = {"id", "providerId", "action", "reasons", "actor", "decidedAt"})
    public record DecisionView(UUID id, UUID providerId, Decision.Action action, List<String> reasons, String actor,
            OffsetDateTime decidedAt) {
    }

    @Schema(name = "Appeal", requiredProperties = {"id", "providerId", "decisionId", "against", "reason", "status", "createdAt"})
    public record AppealView(UUID id, UUID providerId, UUID decisionId, Appeal.Against against, String reason,
            Appeal.Status status, @Schema(nullable = true) String decidedBy, @Schema(nullable = true) String decisionReason,
            OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime decidedAt) {

        static AppealView of(Appeal a) {
            return new AppealView(a.id, a.providerId, a.decisionId, a.against, a.reason, a.status, a.decidedBy,
                    a.decisionReason, a.createdAt, a.decidedAt);
        }
    }
}
