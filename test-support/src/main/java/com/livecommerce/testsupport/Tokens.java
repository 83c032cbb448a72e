package com.livecommerce.testsupport;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Signed access tokens from the OIDC test server (OidcWiremockTestResource), carrying the suite's
 * roles in {@code groups} and the tenant claims {@code merchant_id} / {@code provider_id}.
 */
public final class Tokens {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String MERCHANT = "merchant";
    public static final String PROVIDER = "provider";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String TELEMETRY_WRITER = "telemetry-writer";

    private Tokens() {
    }

    public static String token(String user, Set<String> roles, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken(user, roles, user, "Bearer", Set.of("livecommerce"),
                new HashMap<>(claims));
    }

    public static String admin() {
        return token("ops", Set.of(PLATFORM_ADMIN), Map.of());
    }

    public static String viewer() {
        return token("analyst", Set.of(VIEWER), Map.of());
    }

    public static String merchant(Object merchantId) {
        return token("merchant-" + merchantId, Set.of(MERCHANT), Map.of("merchant_id", String.valueOf(merchantId)));
    }

    public static String provider(Object providerId) {
        return token("provider-" + providerId, Set.of(PROVIDER), Map.of("provider_id", String.valueOf(providerId)));
    }

    public static String operator(Object providerId, Object operatorId) {
        return token("operator-" + operatorId, Set.of(OPERATOR),
                Map.of("provider_id", String.valueOf(providerId), "operator_id", String.valueOf(operatorId)));
    }

    public static String telemetryWriter() {
        return token("telemetry-feeder", Set.of(TELEMETRY_WRITER), Map.of());
    }
}
