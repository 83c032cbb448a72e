package com.livecommerce.merchant;

import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import com.livecommerce.testsupport.IssuerResource;

/**
 * The real servers every test of this module runs against, started once per test JVM and shared by
 * all test classes (one Quarkus start): PostgreSQL database merchant_test, an in-process Kafka broker,
 * the OIDC test server (behind proxies, for issuer outages).
 */
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "merchant_test"))
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(IssuerResource.class)
public final class TestServers {

    private TestServers() {
    }
}
