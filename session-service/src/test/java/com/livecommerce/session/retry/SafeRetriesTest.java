package com.livecommerce.session.retry;

import com.livecommerce.session.Fixtures;
import com.livecommerce.testsupport.IdempotentCreates;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Safe retries (Idempotency-Key) of session-service's creates: sessions and reservations. */
@QuarkusTest
class SafeRetriesTest {

    @Inject
    Pool pool;

    private long count(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private long events(String id) {
        return count("select count(*) from outbox_event where event_key = $1 or payload::text like '%' || $1 || '%'", id);
    }

    @Test
    void sessions() {
        UUID merchant = UUID.randomUUID();
        IdempotentCreates.check(Tokens.admin(), "/sessions",
                n -> Fixtures.body(merchant, null, null, 240, "2300000.00", "100000.00", "50000.00").replace("Down jackets live", "Retry " + n),
                id -> count("select count(*) from live_session where id = $1::uuid", id), this::events);
    }

    @Test
    void reservations() {
        UUID merchant = UUID.randomUUID();
        UUID session = Fixtures.session(merchant, null, null);
        String tag = UUID.randomUUID().toString();
        IdempotentCreates.check(Tokens.telemetryWriter(), "/sessions/" + session + "/reservations",
                n -> "{\"viewerId\": \"v-" + tag + "-" + n + "\"}",
                id -> count("select count(*) from session_reservation where viewer_id = $1", id), this::events);
    }
}
