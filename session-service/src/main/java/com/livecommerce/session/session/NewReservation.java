package com.livecommerce.session.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /sessions/{id}/reservations}: a viewer reserves (预约) the session. */
@Schema(example = """
        {"viewerId": "v-102938"}""")
public record NewReservation(@NotBlank @Size(max = 128) String viewerId) {
}
