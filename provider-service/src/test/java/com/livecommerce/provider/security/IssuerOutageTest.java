package com.livecommerce.provider.security;

import com.livecommerce.testsupport.IssuerDownAtStart;
import com.livecommerce.testsupport.IssuerOutageTests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Order;

/**
 * provider-service started while the OIDC server is down (a Quarkus start of its own, after every other test): malformed
 * tokens 401, well-formed ones 503 + Retry-After until the issuer is back, then without a restart everything works; a
 * realm key rotation is seen within seconds. See {@link IssuerOutageTests}.
 */
@QuarkusTest
@TestProfile(IssuerDownAtStart.class)
@Order(Integer.MAX_VALUE)
class IssuerOutageTest extends IssuerOutageTests {

    @Override
    protected String securedPath() {
        return "/providers?size=1";
    }
}
