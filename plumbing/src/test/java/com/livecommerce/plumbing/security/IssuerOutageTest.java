package com.livecommerce.plumbing.security;

import com.livecommerce.testsupport.IssuerDownAtStart;
import com.livecommerce.testsupport.IssuerOutageTests;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.UUID;
import org.junit.jupiter.api.Order;

/** The plumbing's test app started while the issuer is down (its own Quarkus start, last): see {@link IssuerOutageTests}. */
@QuarkusTest
@TestProfile(IssuerDownAtStart.class)
@Order(Integer.MAX_VALUE)
class IssuerOutageTest extends IssuerOutageTests {

    @Override
    protected String securedPath() {
        return "/test/merchants/" + UUID.randomUUID();
    }
}
