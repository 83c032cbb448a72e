package com.livecommerce.session.telemetry;

import static com.livecommerce.plumbing.security.Roles.TELEMETRY_WRITER;

import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemType;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

@Path("/sessions/{id}/telemetry")
@Tag(name = "telemetry", description = "Live telemetry of a session (the hot path)")
@SecurityRequirement(name = "oidc")
public class TelemetryResource {

    private static final Logger LOG = Logger.getLogger(TelemetryResource.class);
    public static final String NDJSON = "application/x-ndjson";

    @Inject
    TelemetryIngest ingest;

    @POST
    @Blocking
    @Consumes({NDJSON, "application/jsonl", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(TELEMETRY_WRITER)
    @Operation(operationId = "sendTelemetry", summary = "A batch of telemetry events as NDJSON (telemetry-writer)",
            description = "One JSON object a line (see the session-telemetry schema). Each line is accepted or rejected on its own:"
                    + " a bad line never drops the good ones. Answered once the broker has acknowledged every accepted line;"
                    + " while it is down, 503 with Retry-After and nothing of the batch is accepted: send the whole batch again"
                    + " (duplicate eventIds count once). Late and out-of-order events are accepted until the allowed lateness"
                    + " after the end (default 5 minutes). Body limit 16 MB.")
    @RequestBody(required = true, content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING),
            example = "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e-1\",\"time\":\"2021-11-25T11:00:05Z\",\"viewerId\":\"v-1\"}\n"
                    + "{\"type\":\"ORDER_PAID\",\"eventId\":\"e-2\",\"time\":\"2021-11-25T11:03:00Z\",\"orderId\":\"o-1\",\"buyerId\":\"b-1\","
                    + "\"newBuyer\":true,\"productId\":\"p-1\",\"amount\":899.00,\"channel\":\"PAID_PROMOTION\"}\n"))
    @APIResponse(responseCode = "202", description = "The accepted lines are in the broker; the rejected ones are listed with their reasons",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TelemetryResult.class)))
    public Response send(@PathParam("id") UUID id, InputStream body) throws IOException {
        try {
            return Response.accepted(ingest.ingest(id, body)).type(MediaType.APPLICATION_JSON).build();
        } catch (TelemetryIngest.BrokerUnavailable e) {
            LOG.warnf("telemetry batch of session %s refused: %s", id, e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(Problem.of(ProblemType.UNAVAILABLE, "the event broker is unavailable; nothing of this batch was accepted,"
                            + " send it again after Retry-After seconds (duplicate eventIds count once)"))
                    .build();
        }
    }
}
