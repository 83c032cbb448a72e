package com.livecommerce.plumbing.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, kept for their lifetime: a client sends the same access token with every request
 * until it expires, and checking its RS256 signature and claims again each time was 15-20% of a simple read's cost.
 * <p>
 * How: this provider runs before the OIDC extension's ({@link #priority()}). For a bearer access token it has seen
 * verified, it answers the identity the OIDC extension built then, bound to the current request; for any other token
 * it answers nothing, so the OIDC extension verifies it as always, and {@link Store} (the first augmentor) keeps the
 * identity it built. What is kept: the identity, keyed by the whole token (header, claims and signature: a token that
 * differs in one character is verified afresh), until the token's {@code exp} and at most
 * {@code livecommerce.security.verified-tokens.max-age} (default 5 minutes), at most
 * {@code livecommerce.security.verified-tokens.max-size} tokens (default 10,000; least recently used leave first).
 * Tokens that failed are never kept: a bad token is judged by the OIDC extension every time. A token verified once
 * stays accepted until it expires even if its key is withdrawn meanwhile, bounded by the maximum age: the same promise a
 * stateless JWT makes anyway. {@code livecommerce.security.verified-tokens.enabled=false} turns it off.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Request attribute: the token this provider did not know, to be kept once the OIDC extension verified it. */
    static final String CANDIDATE = VerifiedTokens.class.getName() + ".candidate";

    private record Verified(SecurityIdentity identity, long expiresAtNanos) {
    }

    private final boolean enabled;
    private final Cache<String, Verified> cache;

    VerifiedTokens(@ConfigProperty(name = "livecommerce.security.verified-tokens.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "livecommerce.security.verified-tokens.max-size", defaultValue = "10000") long maxSize,
            @ConfigProperty(name = "livecommerce.security.verified-tokens.max-age", defaultValue = "5M") Duration maxAge) {
        this.enabled = enabled;
        long maxAgeNanos = maxAge.toNanos();
        this.cache = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(new Expiry<String, Verified>() {
            public long expireAfterCreate(String token, Verified v, long now) {
                return Math.max(0, Math.min(maxAgeNanos, v.expiresAtNanos() - now));
            }

            public long expireAfterUpdate(String token, Verified v, long now, long current) {
                return expireAfterCreate(token, v, now);
            }

            public long expireAfterRead(String token, Verified v, long now, long current) {
                return current;
            }
        }).build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before the OIDC extension's provider (default priority 1001). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled || !(request.getToken() instanceof AccessTokenCredential credential) || credential.getToken() == null) {
            return Uni.createFrom().nullItem();
        }
        String token = credential.getToken();
        Verified v = cache.getIfPresent(token);
        if (v != null && v.expiresAtNanos() - System.nanoTime() > 0) {
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(v.identity())
                    .addAttribute(AuthenticationRequestContext.class.getName(), context);
            RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
            if (routingContext != null) {
                identity.addAttribute(RoutingContext.class.getName(), routingContext);
            }
            return Uni.createFrom().item(identity.build());
        }
        request.setAttribute(CANDIDATE, token);
        return Uni.createFrom().nullItem();
    }

    void keep(String token, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long lifeMillis = jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
        if (lifeMillis > 0) {
            cache.put(token, new Verified(identity, System.nanoTime() + lifeMillis * 1_000_000));
        }
    }

    /** How many verified tokens are kept now (tests, metrics). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * Keeps what the OIDC extension built for a token {@link VerifiedTokens} did not know; the first augmentor, so what
     * is kept is the extension's identity, and every augmentor still runs on every request.
     */
    @ApplicationScoped
    public static class Store implements SecurityIdentityAugmentor {

        private final VerifiedTokens tokens;

        Store(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            return Uni.createFrom().item(identity);
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                Map<String, Object> attributes) {
            Object token = attributes == null ? null : attributes.get(CANDIDATE);
            if (token instanceof String t && !identity.isAnonymous()) {
                AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
                if (credential != null && t.equals(credential.getToken())) {
                    tokens.keep(t, identity);
                }
            }
            return Uni.createFrom().item(identity);
        }
    }
}
