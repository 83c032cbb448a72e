package com.livecommerce.console;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user as the pages show it: name, roles and tenant claims, read from the ID token Keycloak issued.
 * Only for what to show (menus, buttons): what the user may read or change is decided by the services.
 */
@RequestScoped
@jakarta.inject.Named("me")
public class Me {

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    public String name() {
        String name = idToken.getClaim("preferred_username");
        return name != null ? name : identity.getPrincipal().getName();
    }

    public boolean admin() {
        return identity.hasRole("platform-admin");
    }

    public boolean viewer() {
        return identity.hasRole("viewer");
    }

    /** Platform staff: operations (platform-admin) or analysts (viewer), who see the whole ecosystem. */
    public boolean staff() {
        return admin() || viewer();
    }

    public boolean merchant() {
        return identity.hasRole("merchant") && merchantId() != null;
    }

    public boolean provider() {
        return identity.hasRole("provider") && providerId() != null;
    }

    public String merchantId() {
        return idToken.getClaim("merchant_id");
    }

    public String providerId() {
        return idToken.getClaim("provider_id");
    }

    public String role() {
        if (admin()) {
            return "platform-admin";
        }
        if (viewer()) {
            return "viewer";
        }
        if (merchant()) {
            return "merchant";
        }
        if (provider()) {
            return "provider";
        }
        return String.join(", ", identity.getRoles());
    }
}
