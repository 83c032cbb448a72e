package com.livecommerce.session.session;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A viewer's reservation of a session. */
@Schema(name = "Reservation", requiredProperties = {"sessionId", "viewerId", "reservedAt"}, example = """
        {"sessionId": "0d8e9a3c-1f4b-4a51-9a0e-7b5d1c2e3f40", "viewerId": "v-102938", "reservedAt": "2021-11-24T09:30:00Z"}""")
public record ReservationView(UUID sessionId, String viewerId, OffsetDateTime reservedAt) {
}
