package com.livecommerce.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OIDC test server as a test sees it: {@link #down()} and {@link #up()} cut the services off from it and
 * back (every connection, as an outage of Keycloak would), {@link #rotateKey()} makes it sign with a new key
 * (the realm's key rotation: the JWKS then lists the new key beside the old one), {@link #token} signs with the
 * current key. Behind a {@link TcpProxy}: the WireMock server itself keeps running on its port.
 */
public final class Issuer {

    static final String REALM = "/auth/realms/quarkus";
    static final String ISSUER = "https://server.example.com";

    private final WireMockServer server;
    private final List<TcpProxy> proxies;
    private final List<String> jwks = new ArrayList<>();
    private KeyPair current;
    private String currentKid = "1";

    Issuer(WireMockServer server, List<TcpProxy> proxies) {
        this.server = server;
        this.proxies = proxies;
        jwks.add(resource("publicKey.jwk"));
        // the discovery document names the endpoints through the proxy the request came in by
        // (response templating: the Host header is the proxy's), never WireMock's own port
        server.stubFor(get(urlEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"issuer\": \"" + ISSUER + "\","
                        + " \"jwks_uri\": \"http://{{request.headers.Host}}" + REALM + "/protocol/openid-connect/certs\","
                        + " \"token_endpoint\": \"http://{{request.headers.Host}}" + REALM + "/protocol/openid-connect/token\","
                        + " \"authorization_endpoint\": \"http://{{request.headers.Host}}" + REALM + "/protocol/openid-connect/auth\","
                        + " \"userinfo_endpoint\": \"http://{{request.headers.Host}}" + REALM + "/protocol/openid-connect/userinfo\","
                        + " \"id_token_signing_alg_values_supported\": [\"RS256\"]}")));
        serveJwks();
    }

    /** The issuer cannot be reached: open connections are dropped, new ones closed at once. */
    public void down() {
        proxies.forEach(TcpProxy::cut);
    }

    public void up() {
        proxies.forEach(TcpProxy::restore);
    }

    /** Signs from now on with a new RSA key, listed in the JWKS beside the earlier ones; returns its kid. */
    public synchronized String rotateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            current = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        currentKid = "rotated-" + (jwks.size());
        RSAPublicKey pub = (RSAPublicKey) current.getPublic();
        jwks.add("{\"kid\": \"" + currentKid + "\", \"kty\": \"RSA\", \"alg\": \"RS256\", \"use\": \"sig\", \"n\": \"" + b64(pub.getModulus())
                + "\", \"e\": \"" + b64(pub.getPublicExponent()) + "\"}");
        serveJwks();
        return currentKid;
    }

    /** A token like {@link Tokens#token}, signed with a key of its own that the issuer never published. */
    public static String tokenWithUnknownKey(String user, Set<String> roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return build(user, roles, Map.of()).jws().keyId("unknown-" + System.nanoTime()).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with the issuer's current key (the original one until {@link #rotateKey()}). */
    public synchronized String token(String user, Set<String> roles, Map<String, String> claims) {
        if (current == null) {
            return Tokens.token(user, roles, claims);
        }
        return build(user, roles, claims).jws().keyId(currentKid).sign(current.getPrivate());
    }

    public String admin() {
        return token("ops", Set.of(Tokens.PLATFORM_ADMIN), Map.of());
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder build(String user, Set<String> roles, Map<String, String> claims) {
        io.smallrye.jwt.build.JwtClaimsBuilder b = Jwt.preferredUserName(user).groups(roles).issuer(ISSUER)
                .audience(Set.of(ISSUER)).subject(user).claim("typ", "Bearer");
        new HashMap<>(claims).forEach(b::claim);
        return b;
    }

    private void serveJwks() {
        server.stubFor(get(urlEqualTo(REALM + "/protocol/openid-connect/certs")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"keys\": [" + String.join(",", jwks) + "]}")));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " not found (quarkus-test-oidc-server)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
