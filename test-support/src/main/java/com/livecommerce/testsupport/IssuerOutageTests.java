package com.livecommerce.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.Set;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The issuer's outage and key rotation, the same for every service: a subclass is a {@code @QuarkusTest} with
 * {@code @TestProfile(IssuerDownAtStart.class)} (its own Quarkus start, while the OIDC server is down) naming one
 * GET that platform-admin may call. Checked: a malformed token and one signed with a key nobody published are a 401;
 * while the issuer cannot be reached and the key is unknown, 503 + {@code Retry-After} problem+json; never a 500;
 * once the issuer is back everything works without a restart; after a realm key rotation, tokens signed with the new
 * key are accepted within seconds; an outage after the start keeps known keys working.
 */
public abstract class IssuerOutageTests {

    private static final Logger LOG = Logger.getLogger(IssuerOutageTests.class);

    @InjectIssuer
    protected Issuer issuer;

    /** A GET platform-admin may call, answering 200. */
    protected abstract String securedPath();

    private Response call(String token) {
        return token == null ? given().get(securedPath()) : given().auth().oauth2(token).get(securedPath());
    }

    private void unauthorized(String token) {
        call(token).then().spec(Problems.of(401, "unauthorized"));
    }

    private void unavailable(String token) {
        Response r = call(token);
        r.then().spec(Problems.of(503, "unavailable"));
        assertTrue(Integer.parseInt(r.header("Retry-After")) > 0, "Retry-After in seconds");
    }

    @Test
    void issuerDownAtStartThenBackThenRotatedThenDownAgain() {
        try {
            // started while the issuer is down: nothing is known of its keys
            unauthorized("not-a-jwt");
            unauthorized("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln");
            unauthorized(null);
            unavailable(Tokens.admin());
            unavailable(Issuer.tokenWithUnknownKey("ops", Set.of(Tokens.PLATFORM_ADMIN)));
            unavailable(Tokens.admin()); // again: still no 500, still a clear answer

            // the issuer is back: no restart needed
            long back = System.nanoTime();
            issuer.up();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> call(Tokens.admin()).then().statusCode(200));
            LOG.infof("issuer back: a valid token accepted after %d ms", (System.nanoTime() - back) / 1_000_000);
            unauthorized("not-a-jwt");
            unauthorized(Issuer.tokenWithUnknownKey("ops", Set.of(Tokens.PLATFORM_ADMIN)));

            // the realm rotates its key: tokens signed with the new one are accepted within seconds
            String original = Tokens.admin();
            long rotated = System.nanoTime();
            issuer.rotateKey();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> call(issuer.admin()).then().statusCode(200));
            LOG.infof("key rotated: a token of the new key accepted after %d ms", (System.nanoTime() - rotated) / 1_000_000);
            call(original).then().statusCode(200); // the old key is still published

            // the issuer goes down after the start: known keys keep working, an unknown key cannot be checked
            issuer.down();
            call(issuer.admin()).then().statusCode(200);
            call(original).then().statusCode(200);
            unauthorized("not-a-jwt");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> call(Issuer.tokenWithUnknownKey("ops", Set.of(Tokens.PLATFORM_ADMIN)))
                            .then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue()));
        } finally {
            issuer.up();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> call(Issuer.tokenWithUnknownKey("ops", Set.of(Tokens.PLATFORM_ADMIN)))
                        .then().statusCode(401).body("type", equalTo("urn:livecommerce:problem:unauthorized")));
        call(issuer.admin()).then().statusCode(200);
    }
}
