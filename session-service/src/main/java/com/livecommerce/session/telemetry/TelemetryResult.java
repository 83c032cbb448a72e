package com.livecommerce.session.telemetry;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a telemetry batch: counts, then the rejected lines (1-based) with their reasons. */
@Schema(name = "TelemetryResult", requiredProperties = {"accepted", "rejected", "rejectedLines"}, example = """
        {"accepted": 4998, "rejected": 2, "rejectedLines": [{"line": 17, "reason": "negative amount -5.00"},
         {"line": 4031, "reason": "malformed JSON: Unexpected end-of-input"}]}""")
public record TelemetryResult(long accepted, long rejected,
        @Schema(description = "The rejected lines in order, at most the first " + TelemetryIngest.MAX_LISTED + "; `rejected` counts them all")
        List<RejectedLine> rejectedLines) {

    @Schema(name = "RejectedLine", requiredProperties = {"line", "reason"})
    public record RejectedLine(long line, String reason) {
    }
}
