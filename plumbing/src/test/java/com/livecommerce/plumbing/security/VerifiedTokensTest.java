package com.livecommerce.plumbing.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A verified token is kept until it expires; what is kept never widens what a token may do: another token (one
 * character of its signature changed, another role, another tenant) is judged afresh, and an expired one is refused even
 * though it was accepted and kept a moment before.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    VerifiedTokens verified;

    int read(UUID merchant, String token) {
        return given().auth().oauth2(token).get("/test/merchants/{id}", merchant).then().extract().statusCode();
    }

    /** Signed like {@link Tokens#token}, with a lifetime of {@code seconds}. */
    static String expiringIn(long seconds, String user, Set<String> roles, Map<String, String> claims) {
        var b = Jwt.preferredUserName(user).groups(roles).issuer("https://server.example.com")
                .audience(Set.of("livecommerce")).subject(user).claim("typ", "Bearer")
                .issuedAt(Instant.now().minusSeconds(1)).expiresAt(Instant.now().plusSeconds(seconds));
        claims.forEach(b::claim);
        return b.jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void aVerifiedTokenIsKeptAndOnlyThatToken() {
        UUID merchant = UUID.randomUUID();
        String token = Tokens.merchant(merchant);
        long before = verified.size();
        assertEquals(200, read(merchant, token));
        assertEquals(before + 1, verified.size(), "kept once verified");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, read(merchant, token), "answered from what was kept");
        }
        assertEquals(before + 1, verified.size(), "the same token is kept once");

        // the kept identity is the token's: another tenant's data stays closed to it
        assertEquals(403, read(UUID.randomUUID(), token));
        assertEquals(403, read(UUID.randomUUID(), token));

        // one character of the signature changed: not the kept token, verified afresh and refused
        int last = token.length() - 2;
        String forged = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.substring(last + 1);
        assertEquals(401, read(merchant, forged));
        assertEquals(401, read(merchant, forged), "a refused token is never kept");

        // another role on the same subject: its own verification, its own roles
        assertEquals(403, read(merchant, Tokens.token("merchant-" + merchant, Set.of(Tokens.VIEWER), Map.of("merchant_id", merchant.toString()))));
    }

    @Test
    void aKeptTokenIsRefusedOnceItExpired() throws InterruptedException {
        UUID merchant = UUID.randomUUID();
        long before = verified.size();
        String token = expiringIn(10, "merchant-" + merchant, Set.of(Tokens.MERCHANT), Map.of("merchant_id", merchant.toString()));
        long expiresAt = System.currentTimeMillis() + 10_000;
        assertEquals(200, read(merchant, token));
        assertEquals(before + 1, verified.size(), "kept");
        assertEquals(200, read(merchant, token));
        Thread.sleep(Math.max(0, expiresAt + 1_500 - System.currentTimeMillis()));
        assertEquals(401, read(merchant, token), "expired: refused although it was kept");
        String expired = expiringIn(-60, "merchant-" + merchant, Set.of(Tokens.MERCHANT), Map.of("merchant_id", merchant.toString()));
        before = verified.size();
        assertEquals(401, read(merchant, expired));
        assertTrue(verified.size() <= before, "an expired token is never kept");
    }
}
