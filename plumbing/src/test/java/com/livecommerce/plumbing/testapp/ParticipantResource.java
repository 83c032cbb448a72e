package com.livecommerce.plumbing.testapp;

import com.livecommerce.plumbing.security.Roles;
import com.livecommerce.plumbing.security.TenantGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Something a merchant, a provider and its operator share (a session), behind TenantGuard's participant checks. */
@Path("/test/participants")
@Produces(MediaType.TEXT_PLAIN)
public class ParticipantResource {

    @Inject
    TenantGuard tenants;

    @GET
    @Path("/shared")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.VIEWER, Roles.MERCHANT, Roles.PROVIDER, Roles.OPERATOR})
    public String shared(@QueryParam("merchant") String merchant, @QueryParam("provider") String provider,
            @QueryParam("operator") String operator) {
        tenants.requireParticipant(merchant, provider, operator, Roles.PLATFORM_ADMIN, Roles.VIEWER);
        return "ok";
    }

    @GET
    @Path("/scope")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.VIEWER, Roles.MERCHANT, Roles.PROVIDER, Roles.OPERATOR})
    public String scope() {
        return tenants.participant(Roles.PLATFORM_ADMIN, Roles.VIEWER)
                .map(p -> p.role() + ":" + p.merchantId() + ":" + p.providerId() + ":" + p.operatorId()).orElse("all");
    }
}
