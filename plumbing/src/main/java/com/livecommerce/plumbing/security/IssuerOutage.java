package com.livecommerce.plumbing.security;

import io.quarkus.oidc.OIDCException;

/**
 * Whether a failed authentication is the issuer's outage rather than a bad token: somewhere in the causes the OIDC
 * tenant could not be set up, or the JWKS could not be fetched (connection refused, closed, timed out). Such a request
 * gets 503 + {@code Retry-After} (a client retries, as it does while the database is away), never a 401 that would
 * make it throw a good token away, nor a 500.
 */
public final class IssuerOutage {

    public static final int RETRY_AFTER_SECONDS = 5;

    private IssuerOutage() {
    }

    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OIDCException || t instanceof java.net.ConnectException
                    || t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.net.UnknownHostException
                    || (t.getMessage() != null && t.getMessage().contains("OIDC Server is not available"))) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(sb.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
