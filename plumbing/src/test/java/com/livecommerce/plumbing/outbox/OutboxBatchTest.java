package com.livecommerce.plumbing.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bulk events: in list order, with the outbox's attributes, committed or rolled back with the caller's transaction. */
@QuarkusTest
class OutboxBatchTest {

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Test
    void aBatchLandsInListOrderAcrossChunksWithItsTransaction() throws Throwable {
        String topic = "batch-" + UUID.randomUUID();
        int n = Outbox.BATCH_CHUNK + 7;
        List<Outbox.Keyed> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new Outbox.Keyed("k" + (i % 3), Map.of("i", i, "money", new java.math.BigDecimal("12.50"))));
        }
        List<UUID> ids = VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(
                c -> outbox.publishBatch(c, topic, "TestBatched", events)));
        assertEquals(n, ids.size());
        List<Row> rows = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(
                "select id, event_key, type, source, subject, (payload->>'i')::int as i, payload->>'money' as money, sent_at"
                        + " from outbox_event where topic = $1 order by seq").execute(Tuple.of(topic))
                .map(rs -> { List<Row> list = new ArrayList<>(); rs.forEach(list::add); return list; }));
        assertEquals(n, rows.size());
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            assertEquals(i, r.getInteger("i"), "list order is seq order");
            assertEquals(ids.get(i), r.getUUID("id"));
            assertEquals("k" + (i % 3), r.getString("event_key"));
            assertEquals(r.getString("event_key"), r.getString("subject"));
            assertEquals("TestBatched", r.getString("type"));
            assertEquals("/plumbing-test", r.getString("source"));
            assertEquals("12.50", r.getString("money"));
        }

        String rolledBack = "batch-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(
                c -> outbox.publishBatch(c, rolledBack, "TestBatched", List.of(new Outbox.Keyed("k", Map.of("i", 1))))
                        .invoke(() -> {
                            throw new IllegalStateException("the caller's work failed");
                        }))));
        long left = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("select count(*) from outbox_event where topic = $1")
                .execute(Tuple.of(rolledBack)).map(rs -> rs.iterator().next().getLong(0)));
        assertEquals(0, left, "nothing half-written");
    }
}
