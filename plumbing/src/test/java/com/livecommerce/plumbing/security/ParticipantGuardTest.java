package com.livecommerce.plumbing.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TenantGuard's participant checks: platform roles pass, a merchant, a provider or an operator (provider_id
 * and operator_id) only for what it takes part in; a role without its claims is refused.
 */
@QuarkusTest
class ParticipantGuardTest {

    static final String M = "m-1", P = "p-1", O = "o-1";

    int shared(String token, String merchant, String provider, String operator) {
        var spec = given().auth().oauth2(token).queryParam("merchant", merchant).queryParam("provider", provider);
        if (operator != null) {
            spec = spec.queryParam("operator", operator);
        }
        return spec.get("/test/participants/shared").statusCode();
    }

    @Test
    void eachParticipantPassesOnlyForWhatItTakesPartIn() {
        assertStatus(200, shared(Tokens.admin(), M, P, O));
        assertStatus(200, shared(Tokens.viewer(), M, P, O));
        assertStatus(200, shared(Tokens.merchant(M), M, P, O));
        assertStatus(403, shared(Tokens.merchant("m-2"), M, P, O));
        assertStatus(200, shared(Tokens.provider(P), M, P, null));
        assertStatus(403, shared(Tokens.provider("p-2"), M, P, O));
        assertStatus(200, shared(Tokens.operator(P, O), M, P, O));
        assertStatus(403, shared(Tokens.operator(P, "o-2"), M, P, O));     // another operator of the same provider
        assertStatus(403, shared(Tokens.operator("p-2", O), M, P, O));     // same operator id under another provider
        assertStatus(403, shared(Tokens.operator(P, O), M, P, null));      // nothing assigned to an operator
        assertStatus(403, shared(Tokens.token("no-claim", Set.of(Tokens.MERCHANT), Map.of()), M, P, O));
        assertStatus(403, shared(Tokens.telemetryWriter(), M, P, O));
        given().queryParam("merchant", M).get("/test/participants/shared").then().statusCode(401);
    }

    @Test
    void theScopeOfACallerIsItsTenantOrEverything() {
        given().auth().oauth2(Tokens.viewer()).get("/test/participants/scope").then().body(equalTo("all"));
        given().auth().oauth2(Tokens.merchant(M)).get("/test/participants/scope").then().body(equalTo("merchant:m-1:null:null"));
        given().auth().oauth2(Tokens.provider(P)).get("/test/participants/scope").then().body(equalTo("provider:null:p-1:null"));
        given().auth().oauth2(Tokens.operator(P, O)).get("/test/participants/scope").then().body(equalTo("operator:null:p-1:o-1"));
        given().auth().oauth2(Tokens.token("op-no-claims", Set.of(Tokens.OPERATOR), Map.of("provider_id", P)))
                .get("/test/participants/scope").then().statusCode(403).contentType("application/problem+json");
    }

    private static void assertStatus(int expected, int actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
