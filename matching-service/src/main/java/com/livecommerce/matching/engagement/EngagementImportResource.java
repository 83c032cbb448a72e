package com.livecommerce.matching.engagement;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Engagements that already happened before the platform used this suite, recorded by platform staff: each becomes a
 * COMPLETED engagement published as the same engagement-events a live one goes through, so every consumer credits it
 * (provider-service's track record, tiers and leaderboards; the access grants of merchant- and session-service).
 */
@Path("/engagements/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "engagements", description = "Contracts between a merchant and a provider: scope, term, KPI commitment, commission; lifecycle and outcome")
@SecurityRequirement(name = "oidc")
public class EngagementImportResource {

    @Inject
    Idempotency idempotency;

    @Inject
    EngagementService service;

    @Inject
    SecurityIdentity identity;

    @Inject
    MatchingIndex index;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "importEngagement", summary = "Record an engagement that already happened (platform-admin): COMPLETED,"
            + " its outcome measured from the merchant's ledger for the served days, published as the lifecycle's events; audited."
            + " The same import again (same sourceReference and content) answers 200 with the first one and creates nothing")
    @APIResponse(responseCode = "201", description = "Imported; `Location` is the engagement's URL (`GET /engagements/{id}`)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EngagementImportView.class)),
            headers = @Header(name = "Location", description = "URL of the engagement", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "200", description = "Already imported with this content: the first import, nothing created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EngagementImportView.class)),
            headers = @Header(name = "Location", description = "URL of the engagement", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> importEngagement(@Valid @NotNull NewEngagementImport request, @Context UriInfo uri) {
        String by = identity.getPrincipal().getName();
        return idempotency.create(request, () -> service.importCompleted(request, by)
                .map(imported -> Response.status(imported.created() ? Response.Status.CREATED : Response.Status.OK)
                        .location(uri.getBaseUriBuilder().path("engagements").path(imported.view().engagement().id().toString()).build())
                        .entity(imported.view()).build()))
                .invoke(index::poke);
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "listEngagementImports",
            summary = "The import audit, oldest first: who imported which engagement, when, from which source reference (platform-admin, viewer)")
    public Uni<Page<EngagementImportView>> list(
            @Parameter(description = "One source reference (at most one import has it)", schema = @Schema(type = SchemaType.STRING,
                    maxLength = 200)) @QueryParam("sourceReference") String sourceReference,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("merchantId") String merchantId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("providerId") String providerId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return service.listImports(sourceReference == null || sourceReference.isBlank() ? null : sourceReference.trim(),
                EngagementResource.uuid("merchantId", merchantId), EngagementResource.uuid("providerId", providerId), PageRequest.of(page, size));
    }
}
