package com.livecommerce.matching.campaign;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.rest.PageRequest;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import com.livecommerce.plumbing.openapi.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns", description = "Optimal assignments of a cohort of merchants to providers, proposed as engagements")
@SecurityRequirement(name = "oidc")
public class CampaignResource {

    @Inject
    Idempotency idempotency;

    @Inject
    CampaignService service;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PLATFORM_ADMIN)
    @Extension(name = ProblemResponsesFilter.IDEMPOTENT_EXTENSION, value = "true") // a create answering 202: takes Idempotency-Key
    @Operation(operationId = "startCampaign", summary = "Start a campaign (platform-admin): each merchant of the cohort gets at most one"
            + " provider, no provider more than it has left, the total score is the maximum; the result is proposed as engagements")
    @APIResponse(responseCode = "202", description = "Accepted and RUNNING; `Location` is the campaign's URL, to follow until COMPLETED or FAILED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)),
            headers = @Header(name = "Location", description = "URL of the campaign", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> start(@Valid @NotNull NewCampaign body, @Context UriInfo uri) {
        CampaignService.Prepared prepared = service.prepare(body);
        String by = identity.getPrincipal().getName();
        return idempotency.createOnPool(body, client -> service.record(client, prepared, by)
                        .map(c -> Response.accepted(c).location(uri.getAbsolutePathBuilder().path(c.id().toString()).build()).build()),
                () -> service.launch(prepared));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({PLATFORM_ADMIN, VIEWER})
    @Operation(operationId = "getCampaign", summary = "A campaign: status, objective, and a page (`page`, `size`) of its assignments and of its unassigned merchants with the reason")
    public Uni<CampaignView> get(@PathParam("id") UUID id, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return service.get(id, paging.page(), paging.size());
    }
}
