package com.livecommerce.matching.engagement;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The merchant's rating of the provider at completion, each 1-5. */
@Schema(name = "Rating", requiredProperties = {"results", "communication", "professionalism"})
public record Rating(
        @Schema(minimum = "1", maximum = "5") @NotNull @Min(1) @Max(5) Integer results,
        @Schema(minimum = "1", maximum = "5") @NotNull @Min(1) @Max(5) Integer communication,
        @Schema(minimum = "1", maximum = "5") @NotNull @Min(1) @Max(5) Integer professionalism) {
}
