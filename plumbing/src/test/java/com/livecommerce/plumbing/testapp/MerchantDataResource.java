package com.livecommerce.plumbing.testapp;

import com.livecommerce.plumbing.security.Roles;
import com.livecommerce.plumbing.security.TenantGuard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** A merchant's data, as a service would serve it: platform-admin, the merchant itself, or a provider engaged with it. */
@Path("/test/merchants/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class MerchantDataResource {

    @Inject
    TenantGuard tenants;

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.MERCHANT, Roles.PROVIDER})
    public Uni<String> get(@PathParam("id") UUID id) {
        return tenants.requireMerchantOrEngagedProvider(id, Roles.PLATFORM_ADMIN).replaceWith("{\"id\": \"" + id + "\"}");
    }
}
