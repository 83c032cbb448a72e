package com.livecommerce.matching.engagement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /engagements/{id}/terminate}. */
@Schema(name = "Termination", requiredProperties = "reason", example = """
        {"reason": "the agreed live-operations team was never staffed"}""")
public record Termination(@NotBlank @Size(max = 2000) String reason) {
}
