package com.livecommerce.merchant.openapi;

import com.livecommerce.testsupport.OpenApiClients;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client team generates a Java client from the live /q/openapi (OpenAPI Generator, java/native) and
 * uses it with no workaround: the document passes Redocly's recommended rules with no error, the client
 * compiles, and the story in {@code openapi-client/MerchantClientStory.java} runs against this service
 * (create -> 201 with the merchant, read, stale PATCH -> 409 and unknown id -> 404 read as Problem, ...).
 */
@QuarkusTest
class OpenApiClientTest {

    private static final Logger LOG = Logger.getLogger(OpenApiClientTest.class);

    @TestHTTPResource("/")
    URL app;

    @Test
    void aGeneratedJavaClientWorksWithoutWorkarounds() throws Exception {
        OpenApiClients.Result result = OpenApiClients.verify(app.toURI(), Path.of("target/openapi-client"),
                "com.livecommerce.client.merchant", "openapi-client/MerchantClientStory.java", Tokens.admin());
        LOG.infof("redocly lint of merchant-service's OpenAPI document: %s", result.lint().report());
    }
}
