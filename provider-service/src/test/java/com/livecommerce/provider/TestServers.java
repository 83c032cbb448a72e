package com.livecommerce.provider;

import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import com.livecommerce.testsupport.IssuerResource;

/**
 * The real servers every test of this module runs against, started once per test JVM and shared by
 * all test classes (one Quarkus start): PostgreSQL database provider_test, an in-process Kafka broker,
 * the OIDC test server (behind proxies, for issuer outages).
 */
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "provider_test"))
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(IssuerResource.class)
public final class TestServers {

    private TestServers() {
    }
}
