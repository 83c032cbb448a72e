package com.livecommerce.plumbing.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/**
 * A database connection cut under a request (the fault-injection end-to-end test's pg_terminate_backend: a pooled
 * connection reset, or the server's "terminating connection due to administrator command") is a 503 + Retry-After the
 * client may retry, never a 500. Both were 500 before (matching's POST /engagements/{id}/complete, session-service's
 * telemetry ingestion).
 */
class ConnectionLostTest {

    final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aResetConnectionIs503WithRetryAfter() {
        // as hibernate-reactive and the blocking await() wrap it
        assertUnavailable(mappers.unexpected(new CompletionException(new SocketException("Connection reset"))));
        assertUnavailable(mappers.unexpected(new HibernateException(new SocketException("Connection reset"))));
        assertUnavailable(mappers.unreachable(new SocketException("Connection reset")));
    }

    @Test
    void theServerEndingTheSessionIs503() {
        PgException terminated = new PgException("terminating connection due to administrator command", "FATAL", "57P01", null);
        assertUnavailable(mappers.unexpected(new CompletionException(terminated)));
        assertUnavailable(mappers.unexpected(new PgException("connection failure", "FATAL", "08006", null)));
    }

    @Test
    void aPooledConnectionFoundClosedIs503() {
        // the reactive client writing to a connection the server had ended (seen under the fault test's pg_terminate_backend)
        Throwable closed = new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertUnavailable(mappers.unexpected(new CompletionException(closed)));
        assertUnavailable(mappers.unexpected(new RuntimeException("flush failed", closed)));
    }

    @Test
    void otherFailuresStay500() {
        assertEquals(500, mappers.unexpected(new IllegalStateException("a bug")).getStatus());
        assertEquals(500, mappers.unexpected(new PgException("division by zero", "ERROR", "22012", null)).getStatus());
        assertEquals(409, mappers.unexpected(new PgException("duplicate key", "ERROR", "23505", null)).getStatus());
    }

    private static void assertUnavailable(Response r) {
        assertEquals(503, r.getStatus());
        assertNotNull(r.getHeaderString("Retry-After"));
        assertEquals("urn:livecommerce:problem:unavailable", ((Problem) r.getEntity()).type());
    }
}
