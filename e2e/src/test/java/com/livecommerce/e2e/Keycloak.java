package com.livecommerce.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Tokens from the suite's own Keycloak (realm livecommerce), as the platform's clients get them. */
final class Keycloak {

    static final String REALM = "livecommerce";
    /** A public client like platform-console (same claim mappers) whose access tokens live a few seconds: for the expired-token check. */
    static final String SHORT_LIVED_CLIENT = "e2e-short-lived";
    static final int SHORT_LIFESPAN_SECONDS = 5;

    private final Suite suite;

    Keycloak(Suite suite) {
        this.suite = suite;
    }

    private String tokenEndpoint(String realm) {
        return suite.keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    /** A demo user's access token: password grant of platform-console (password = user name), as {@code infra/keycloak.sh token USER}. */
    String token(String user) {
        return password(REALM, "platform-console", user, user);
    }

    /** telemetry-feeder's access token (client credentials, role telemetry-writer), as {@code infra/keycloak.sh client-token}. */
    String telemetryToken() {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", "telemetry-feeder")
                .formParam("client_secret", "telemetry-secret").post(tokenEndpoint(REALM))
                .then().statusCode(200).extract().path("access_token");
    }

    /** A token of Keycloak's master realm (the bootstrap admin through admin-cli): real and signed, but from another issuer. */
    String masterToken() {
        return password("master", "admin-cli", "admin", "admin");
    }

    /** A user's token from {@link #SHORT_LIVED_CLIENT}, valid for {@link #SHORT_LIFESPAN_SECONDS} seconds. */
    String shortLivedToken(String user) {
        return password(REALM, SHORT_LIVED_CLIENT, user, user);
    }

    private String password(String realm, String client, String user, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", client).formParam("username", user)
                .formParam("password", password).post(tokenEndpoint(realm))
                .then().statusCode(200).extract().path("access_token");
    }

    /** Sets a demo user's merchant_id / provider_id claim through the admin API: {@code infra/keycloak.sh set-claim USER NAME VALUE}. */
    void setClaim(String user, String claim, String value) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(suite.root.resolve("infra/keycloak.sh").toString(), "set-claim", user, claim, value)
                .directory(suite.root.toFile()).redirectErrorStream(true)
                .redirectOutput(suite.run.resolve("keycloak-set-claim.log").toFile());
        suite.env(pb.environment());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            throw new AssertionError("infra/keycloak.sh set-claim " + user + " " + claim + " failed: "
                    + Files.readString(suite.run.resolve("keycloak-set-claim.log")));
        }
    }

    /**
     * Creates (once per Keycloak store) {@link #SHORT_LIVED_CLIENT} through the admin API: platform-console's protocol mappers,
     * password grant, and the client attribute {@code access.token.lifespan} of a few seconds.
     */
    void ensureShortLivedClient() {
        String admin = masterToken();
        String api = suite.keycloakUrl() + "/admin/realms/" + REALM + "/clients";
        List<?> existing = given().auth().oauth2(admin).queryParam("clientId", SHORT_LIVED_CLIENT).get(api)
                .then().statusCode(200).extract().as(List.class);
        if (!existing.isEmpty()) {
            return;
        }
        JsonPath console = given().auth().oauth2(admin).queryParam("clientId", "platform-console").get(api)
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> mappers = new ArrayList<>();
        for (Map<String, Object> m : console.<Map<String, Object>>getList("[0].protocolMappers")) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
            copy.remove("id");
            mappers.add(copy);
        }
        Map<String, Object> client = Map.of("clientId", SHORT_LIVED_CLIENT, "publicClient", true, "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false, "protocol", "openid-connect",
                "attributes", Map.of("access.token.lifespan", Integer.toString(SHORT_LIFESPAN_SECONDS)),
                "protocolMappers", mappers);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client).post(api).then().statusCode(201);
    }
}
