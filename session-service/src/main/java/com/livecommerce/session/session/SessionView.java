package com.livecommerce.session.session;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session on the wire (and the data of SessionScheduled, SessionStarted and SessionCancelled events). */
@Schema(name = "Session", requiredProperties = {"id", "merchantId", "title", "scheduledStart", "plannedMinutes", "telemetrySubKeys", "gmvTarget",
        "adBudget", "status", "version", "createdAt", "updatedAt"}, example = """
        {"id": "0d8e9a3c-1f4b-4a51-9a0e-7b5d1c2e3f40", "merchantId": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10",
         "providerId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "operatorId": "c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
         "title": "Down jackets: Double Twelve warm-up", "scheduledStart": "2021-11-25T11:00:00Z", "plannedMinutes": 240, "telemetrySubKeys": 1,
         "gmvTarget": 20000000.00, "adBudget": {"PAID_PROMOTION": 1200000.00, "FAN_BOOST": 400000.00}, "status": "LIVE",
         "startedAt": "2021-11-25T11:02:00Z", "endedAt": null, "cancelledAt": null, "finalizedAt": null, "version": 1,
         "createdAt": "2021-11-20T08:00:00Z", "updatedAt": "2021-11-25T11:02:00Z"}""")
public record SessionView(UUID id, UUID merchantId, @Schema(nullable = true) UUID providerId,
        @Schema(nullable = true) UUID operatorId, String title, OffsetDateTime scheduledStart, int plannedMinutes,
        @Schema(description = "sub-keys its telemetry is spread over (1: not split)") int telemetrySubKeys,
        BigDecimal gmvTarget, AdBudget adBudget, SessionStatus status, @Schema(nullable = true) OffsetDateTime startedAt,
        @Schema(nullable = true) OffsetDateTime endedAt, @Schema(nullable = true) OffsetDateTime cancelledAt,
        @Schema(nullable = true, description = "When the stream closed the session (allowed lateness over) and SessionEnded went out")
        OffsetDateTime finalizedAt, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static SessionView of(LiveSession s) {
        return new SessionView(s.id, s.merchantId, s.providerId, s.operatorId, s.title, s.scheduledStart, s.plannedMinutes, s.telemetrySubKeys,
                s.gmvTarget, s.adBudget(), s.status, s.startedAt, s.endedAt, s.cancelledAt, s.finalizedAt, s.version,
                s.createdAt, s.updatedAt);
    }
}
