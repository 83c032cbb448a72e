package com.livecommerce.console;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Token propagation: every call to a service carries the signed-in user's access token, the one Keycloak issued to
 * this user through the authorization-code flow (refreshed by quarkus-oidc before it expires), as a bearer token.
 * What Quarkus' quarkus-rest-client-oidc-token-propagation does (not resolvable from this build's Maven repository),
 * in one filter. Without a signed-in user nothing is added, and the service answers 401.
 */
@ApplicationScoped
public class PropagateAccessToken implements ClientRequestFilter {

    @Inject
    SecurityIdentity identity;

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            return; // given by the caller (a stream subscribed after the request's context, Services.stream)
        }
        String token = current(identity);
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
    }

    /** The signed-in user's access token, or null (nobody signed in, or no request context active). */
    static String current(SecurityIdentity identity) {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive() || identity.isAnonymous()) {
            return null;
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return token == null ? null : token.getToken();
    }
}
