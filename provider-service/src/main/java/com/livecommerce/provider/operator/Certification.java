package com.livecommerce.provider.operator;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /providers/{id}/operators/{operatorId}/certification}: what the certification rests on. */
@Schema(example = """
        {"evidence": "Passed the platform's operator exam 2021-11 (score 92/100); 3 reference sessions reviewed"}""")
public record Certification(@NotBlank @Size(max = 2000) String evidence) {
}
