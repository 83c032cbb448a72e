package com.livecommerce.session.openapi;

import com.livecommerce.testsupport.OpenApiClients;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client team generates a Java client from the live /q/openapi (OpenAPI Generator, java/native) and uses it
 * with no workaround: the document passes Redocly's recommended rules with no error, the client compiles, and
 * the story in {@code openapi-client/SessionClientStory.java} runs against this service (schedule -> 201 with
 * the session, reservations, start, telemetry, KPIs, end, 409 / 404 / 401 read as Problem). The story's token
 * is platform-admin and telemetry-writer (the feeder's role) in one.
 */
@QuarkusTest
class OpenApiClientTest {

    private static final Logger LOG = Logger.getLogger(OpenApiClientTest.class);

    @TestHTTPResource("/")
    URL app;

    @Test
    void aGeneratedJavaClientWorksWithoutWorkarounds() throws Exception {
        String token = Tokens.token("ops-feeder", Set.of(Tokens.PLATFORM_ADMIN, Tokens.TELEMETRY_WRITER), Map.of());
        OpenApiClients.Result result = OpenApiClients.verify(app.toURI(), Path.of("target/openapi-client"),
                "com.livecommerce.client.session", "openapi-client/SessionClientStory.java", token);
        LOG.infof("redocly lint of session-service's OpenAPI document: %s", result.lint().report());
    }
}
