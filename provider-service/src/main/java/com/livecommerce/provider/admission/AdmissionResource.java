package com.livecommerce.provider.admission;

import com.livecommerce.plumbing.idempotency.Idempotency;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;

import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.security.TenantGuard;
import com.livecommerce.provider.provider.ProviderView;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admission", description = "Strict admission (严准入): review, suspension, appeals and the audit trail")
@SecurityRequirement(name = "oidc")
public class AdmissionResource {

    @Inject
    Idempotency idempotency;

    @Inject
    AdmissionService admission;

    @Inject
    TenantGuard tenants;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/{id}/review")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "reviewProvider", summary = "Run the admission rules: APPLIED -> ADMITTED or REJECTED, with every failed rule in reasons")
    public Uni<AdmissionDtos.ReviewResult> review(@PathParam("id") UUID id) {
        return admission.review(id, actor());
    }

    @POST
    @Path("/{id}/suspend")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "suspendProvider", summary = "Suspend a provider, with a reason (platform-admin)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ProviderView> suspend(@PathParam("id") UUID id, @Valid @NotNull AdmissionDtos.Reason body) {
        return admission.suspend(id, body.reason(), actor());
    }

    @POST
    @Path("/{id}/reinstate")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "reinstateProvider", summary = "Lift a suspension, with a reason (platform-admin)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ProviderView> reinstate(@PathParam("id") UUID id, @Valid @NotNull AdmissionDtos.Reason body) {
        return admission.reinstate(id, body.reason(), actor());
    }

    @POST
    @Path("/{id}/appeals")
    @RolesAllowed({PROVIDER, PLATFORM_ADMIN})
    @Operation(operationId = "createAppeal", summary = "Appeal the current rejection or suspension, once per decision (the provider itself)")
    @APIResponse(responseCode = "201", description = "Created; `Location` is the new appeal's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdmissionDtos.AppealView.class)),
            headers = @Header(name = "Location", description = "URL of the new appeal",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> appeal(@PathParam("id") UUID id, @Valid @NotNull AdmissionDtos.Reason body, @Context UriInfo uri) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        String actor = actor();
        return idempotency.create(body, () -> admission.appeal(id, body.reason(), actor)
                .map(a -> Response.created(uri.getAbsolutePathBuilder().path(a.id().toString()).build()).entity(a).build()));
    }

    @GET
    @Path("/{id}/appeals")
    @RolesAllowed({PROVIDER, PLATFORM_ADMIN})
    @Operation(operationId = "listAppeals", summary = "A provider's appeals")
    public Uni<Page<AdmissionDtos.AppealView>> appeals(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return admission.appeals(id, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}/appeals/{appealId}")
    @RolesAllowed({PROVIDER, PLATFORM_ADMIN})
    @Operation(operationId = "getAppeal", summary = "One appeal of a provider (the provider itself, platform-admin)")
    public Uni<AdmissionDtos.AppealView> appeal(@PathParam("id") UUID id, @PathParam("appealId") UUID appealId) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return admission.appeal(id, appealId);
    }

    @POST
    @Path("/{id}/appeals/{appealId}/decision")
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "decideAppeal", summary = "Decide an appeal: GRANTED (the decision is reversed) or DENIED, with a reason (platform-admin)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AdmissionDtos.AppealView> decide(@PathParam("id") UUID id, @PathParam("appealId") UUID appealId,
            @Valid @NotNull AdmissionDtos.AppealDecision body) {
        return admission.decide(id, appealId, body, actor());
    }

    @GET
    @Path("/{id}/decisions")
    @RolesAllowed({PROVIDER, PLATFORM_ADMIN})
    @Operation(operationId = "listDecisions", summary = "The audit trail: every admission decision, suspension, reinstatement, appeal and probation")
    public Uni<Page<AdmissionDtos.DecisionView>> decisions(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        tenants.requireProvider(id, PLATFORM_ADMIN);
        return admission.trail(id, PageRequest.of(page, size));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
