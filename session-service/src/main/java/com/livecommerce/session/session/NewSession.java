package com.livecommerce.session.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /sessions}: a session to schedule. {@code operatorId} needs {@code providerId}. */
@Schema(example = """
        {"merchantId": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10", "providerId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
         "operatorId": "c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f", "title": "Down jackets: Double Twelve warm-up",
         "scheduledStart": "2021-11-25T11:00:00Z", "plannedMinutes": 240, "gmvTarget": 20000000.00,
         "adBudget": {"PAID_PROMOTION": 1200000.00, "FAN_BOOST": 400000.00}, "telemetrySubKeys": 4}""")
public record NewSession(
        @NotNull UUID merchantId,
        @Schema(nullable = true) UUID providerId,
        @Schema(nullable = true, description = "An operator of the provider; needs providerId") UUID operatorId,
        @NotBlank @Size(max = 200) String title,
        @NotNull OffsetDateTime scheduledStart,
        @NotNull @Min(1) @Max(1440) Integer plannedMinutes,
        @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal gmvTarget,
        @NotNull @Valid AdBudget adBudget,
        @Schema(nullable = true, minimum = "1", maximum = "64", description = "For a hot session: over how many sub-keys (partitions)"
                + " its telemetry is aggregated at once, then merged (distinct viewers stay exact: a viewer's events stay in one"
                + " sub-key). Default session.telemetry.default-sub-keys (1); at most session.telemetry.max-sub-keys (the"
                + " partitions of session-telemetry). Fixed once scheduled.")
        @Min(1) @Max(64) Integer telemetrySubKeys) {
}
