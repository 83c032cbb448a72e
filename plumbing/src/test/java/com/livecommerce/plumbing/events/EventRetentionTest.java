package com.livecommerce.plumbing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sent outbox rows and processed event ids go after their retention (30 days by default); nothing else does. */
@QuarkusTest
class EventRetentionTest {

    @Inject
    EventRetention retention;

    @Inject
    Pool pool;

    private void outboxRow(String key, String sentAt) {
        pool.preparedQuery("insert into outbox_event (id, topic, event_key, type, source, occurred_at, payload, sent_at)"
                + " values ($1, 't', $2, 'T', '/s', now(), '{}'::jsonb, " + sentAt + ")")
                .execute(Tuple.of(UUID.randomUUID(), key)).await().indefinitely();
    }

    private void processed(String id, String processedAt) {
        pool.preparedQuery("insert into processed_event (consumer, source, event_id, processed_at) values ('c', '/s', $1, "
                + processedAt + ")").execute(Tuple.of(id)).await().indefinitely();
    }

    private List<String> keys(String sql, String prefix) {
        return pool.preparedQuery(sql).execute(Tuple.of(prefix + "%")).await().indefinitely().stream()
                .map(r -> r.getString(0)).sorted().toList();
    }

    @Test
    void purgesWhatIsOlderThanItsRetentionOnly() {
        String p = "ret-" + UUID.randomUUID() + "-";
        outboxRow(p + "old-sent", "now() - interval '31 days'");
        outboxRow(p + "recent-sent", "now() - interval '29 days'");
        outboxRow(p + "unsent", "null"); // never purged, however old
        processed(p + "old", "now() - interval '31 days'");
        processed(p + "recent", "now() - interval '1 day'");

        retention.purge().await().indefinitely();

        assertEquals(List.of(p + "recent-sent", p + "unsent"),
                keys("select event_key from outbox_event where event_key like $1", p));
        assertEquals(List.of(p + "recent"), keys("select event_id from processed_event where event_id like $1", p));
    }
}
