package com.livecommerce.matching;

import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The real servers every test of this module runs against, started once per test JVM and shared by all test
 * classes (one Quarkus start): PostgreSQL database matching_test, an in-process Kafka broker, the OIDC test server.
 */
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "matching_test"))
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestServers {

    private TestServers() {
    }
}
