package com.livecommerce.plumbing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/** What can be said of a bearer token without its issuer: whether it is a well-formed signed JWT at all. */
public final class BearerTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BearerTokens() {
    }

    /**
     * True for {@code Bearer <header>.<payload>.<signature>} whose header and payload are base64url JSON objects and whose
     * header names a signing algorithm other than {@code none}; such a token needs the issuer's keys to be judged. Anything
     * else (no token, another scheme, garbage, an unsigned token) is a 401 whether the issuer answers or not.
     */
    public static boolean wellFormed(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Base64.getUrlDecoder().decode(parts[2]);
            return header != null && header.isObject() && payload != null && payload.isObject()
                    && header.path("alg").isTextual() && !"none".equalsIgnoreCase(header.path("alg").asText());
        } catch (Exception e) {
            return false;
        }
    }
}
