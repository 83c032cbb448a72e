package com.livecommerce.plumbing.testapp;

import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The real servers of the plumbing's tests: PostgreSQL database plumbing_test, a Kafka broker, the OIDC test server. */
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "plumbing_test"))
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestServers {

    private TestServers() {
    }
}
