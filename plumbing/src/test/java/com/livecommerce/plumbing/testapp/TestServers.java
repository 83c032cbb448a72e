package com.livecommerce.plumbing.testapp;

import com.livecommerce.testsupport.KafkaBrokerResource;
import com.livecommerce.testsupport.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import com.livecommerce.testsupport.IssuerResource;

/** The real servers of the plumbing's tests: PostgreSQL database plumbing_test, a Kafka broker, the OIDC test server (behind proxies, for issuer outages). */
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = "plumbing_test"))
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(IssuerResource.class)
public final class TestServers {

    private TestServers() {
    }
}
