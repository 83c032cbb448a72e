package com.livecommerce.matching.engagement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /engagements/{id}/complete}: the merchant's rating. */
@Schema(name = "Completion", requiredProperties = "rating", example = """
        {"rating": {"results": 5, "communication": 4, "professionalism": 5}}""")
public record Completion(@NotNull @Valid Rating rating) {
}
