package com.livecommerce.plumbing.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The relay keeps per-key order when several replicas relay from one database, and holds back the
 * rest of a key after one of its rows failed.
 */
@QuarkusTest
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record Versioned(String key, int version) {
    }

    private void publish(String topic, String key, int version) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.publish(topic, "TestChanged", key, Map.of("key", key, "version", version))));
    }

    /** A second relay on the same database, as another replica would run it: small batches to interleave more. */
    private OutboxRelay replica(OutboxRelay bean, int batchSize) {
        OutboxRelay r = new OutboxRelay();
        r.pool = bean.pool;
        r.emitter = bean.emitter;
        r.registry = bean.registry;
        r.batchSize = batchSize;
        r.keysPerBatch = bean.keysPerBatch;
        r.maxBatchesPerRun = 1;
        r.meters();
        return r;
    }

    @Test
    void twoRelaysOnOneDatabaseKeepEachKeysOrder() throws Throwable {
        String topic = "relay-order-" + UUID.randomUUID();
        List<String> keys = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        int versions = 60;
        OutboxRelay bean = (OutboxRelay) ClientProxy.unwrap(relay);
        OutboxRelay first = replica(bean, 4);
        OutboxRelay second = replica(bean, 4);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> relays = new ArrayList<>();
        for (OutboxRelay r : List.of(first, second)) {
            Thread t = new Thread(() -> {
                try {
                    while (writing.get() || !r.pendingIds().await().atMost(Duration.ofSeconds(10)).isEmpty()) {
                        r.relayBatch().await().atMost(Duration.ofSeconds(30));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.start();
            relays.add(t);
        }
        // interleaved writes to the same aggregates while both relays run
        for (int v = 1; v <= versions; v++) {
            for (String key : keys) {
                publish(topic, key, v);
            }
        }
        writing.set(false);
        for (Thread t : relays) {
            t.join(Duration.ofSeconds(90).toMillis());
        }
        assertEquals(null, failure.get());

        try (TopicProbe probe = TopicProbe.from(bootstrap, topic)) {
            List<ConsumerRecord<String, String>> records = probe.await(r -> true, keys.size() * versions, Duration.ofSeconds(30));
            Map<String, List<Integer>> seen = new HashMap<>();
            for (ConsumerRecord<String, String> r : records) {
                seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readTree(r.value()).get("version").asInt());
            }
            for (String key : keys) {
                List<Integer> got = seen.get(key);
                List<Integer> sorted = new ArrayList<>(got);
                Collections.sort(sorted);
                assertEquals(sorted, got, "versions of " + key + " arrive in the order they were written");
                assertEquals(versions, got.stream().distinct().count(), "every version of " + key + " arrives");
            }
        }
    }

    @Test
    void aFailedRowHoldsBackTheRestOfItsKeyButNotOtherKeys() throws Throwable {
        String topic = "relay-hold-" + UUID.randomUUID();
        String held = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        publish(topic, held, 1);
        publish("not a valid topic name!", held, 2); // the broker refuses this one
        publish(topic, held, 3);
        publish(topic, other, 1);

        VertxContextSupport.subscribeAndAwait(() -> relay.drain());
        try (TopicProbe probe = TopicProbe.from(bootstrap, topic)) {
            probe.await(r -> other.equals(r.key()), 1, Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> ofHeld = probe.drain(r -> held.equals(r.key()), Duration.ofSeconds(2));
            assertEquals(List.of(1), ofHeld.stream().map(OutboxRelayTest::version).toList(), "version 3 waits behind the failed version 2");
            List<String> pending = VertxContextSupport.subscribeAndAwait(() -> pool
                    .preparedQuery("select payload->>'version' as v, attempts, last_error from outbox_event"
                            + " where event_key = $1 and sent_at is null order by seq").execute(Tuple.of(held))
                    .map(rows -> {
                        List<String> l = new ArrayList<>();
                        rows.forEach(row -> l.add(row.getString("v")));
                        assertTrue(rows.iterator().next().getString("last_error") != null, "the failure is recorded on the row");
                        return l;
                    }));
            assertEquals(List.of("2", "3"), pending);
            // the backlog gauges see the held rows (the runbook's LivecommerceOutboxBacklog alert reads them)
            VertxContextSupport.subscribeAndAwait(() -> relay.measureBacklog());
            double heldBacklog = registry.get("outbox.events.pending").gauge().value();
            assertTrue(heldBacklog >= 2, "outbox.events.pending counts the 2 held rows: " + heldBacklog);
            assertTrue(registry.get("outbox.events.oldest.pending.seconds").gauge().value() >= 0);

            // an operator repairs the row; the key resumes in order
            VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("update outbox_event set topic = $1 where event_key = $2"
                    + " and sent_at is null").execute(Tuple.of(topic, held)));
            VertxContextSupport.subscribeAndAwait(() -> relay.drain());
            List<ConsumerRecord<String, String>> all = probe.await(r -> held.equals(r.key()), 3, Duration.ofSeconds(20));
            assertEquals(List.of(1, 2, 3), all.stream().map(OutboxRelayTest::version).toList());
            VertxContextSupport.subscribeAndAwait(() -> relay.measureBacklog());
            double after = registry.get("outbox.events.pending").gauge().value();
            assertTrue(after <= heldBacklog - 2, "the repaired rows left the backlog: " + heldBacklog + " -> " + after);
        }
    }

    private static int version(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value()).get("version").asInt();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
