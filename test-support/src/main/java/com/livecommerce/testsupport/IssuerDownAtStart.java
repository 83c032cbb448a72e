package com.livecommerce.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A Quarkus start while the OIDC server is down: the service reaches it only through {@link IssuerResource}'s second
 * proxy, which is cut until the test calls {@link Issuer#up()}.
 */
public class IssuerDownAtStart implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.auth-server-url", "${issuer.outage-url}/realms/quarkus");
    }
}
