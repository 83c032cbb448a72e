package com.livecommerce.e2e;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Tokens the services must refuse, made by hand: unsigned (alg none) and signed by a key nobody trusts. */
final class Jwts {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private Jwts() {
    }

    /** The header and claims of {@code token} (a real, valid token) re-sent with {@code alg: none} and no signature. */
    static String unsigned(String token) {
        String payload = token.split("\\.")[1];
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /** The claims of a token, as JSON text. */
    static String claims(String token) {
        return new String(DECODE.decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /**
     * A platform-admin token from another issuer, signed (RS256) with a key generated here, like bench/jwt.sh's: valid in
     * every other respect (not expired, the suite's role claim).
     */
    static String otherIssuer(String issuer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"e2e-elsewhere\"}");
        String payload = b64(("{\"iss\":\"%s\",\"sub\":\"e2e-ops\",\"preferred_username\":\"ops\",\"groups\":[\"platform-admin\"],"
                + "\"iat\":%d,\"exp\":%d}").formatted(issuer, now, now + 3600));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + B64.encodeToString(rsa.sign());
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
