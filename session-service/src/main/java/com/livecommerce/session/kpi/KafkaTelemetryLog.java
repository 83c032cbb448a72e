package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.TelemetryChunk;
import com.livecommerce.session.telemetry.TelemetryTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a range of one partition of {@code session-telemetry} for {@link PartialStage} (catching up, rebuilding), with a
 * consumer of its own: no group, read_committed, large fetches. Gives up after {@code timeout} (the broker is gone): the
 * stream thread fails, is replaced, and the task tries again.
 */
final class KafkaTelemetryLog implements PartialStage.Log {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KafkaTelemetryLog.class);

    static final String WINDOW_HEADER = "session-window";

    private final Map<String, Object> config;
    private final TopicPartition partition;
    private final Duration timeout;

    KafkaTelemetryLog(Object bootstrap, int partition, Duration timeout) {
        this.partition = new TopicPartition(TelemetryTopics.TELEMETRY, partition);
        this.timeout = timeout;
        config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "session-telemetry-replay-" + partition);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 << 20);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    }

    @Override
    public void read(long from, long to, PartialStage.Handler handler) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            if (from < begin) {
                if (from > 0) {
                    throw new PartialStage.Gap(partition + ": records [" + from + ", " + begin + ") are past the topic's retention");
                }
                from = begin;
            }
            consumer.seek(partition, from);
            while (consumer.position(partition, timeout) < to) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + partition + " [" + from + ", " + to + ") within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= to) {
                        return;
                    }
                    handler.record(r.offset(), r.key(), r.value(), value(r.headers().lastHeader(TelemetryChunk.FORMAT_HEADER)),
                            value(r.headers().lastHeader(WINDOW_HEADER)));
                }
            }
        }
    }

    /**
     * The group's committed offset for this partition (the next record its task will process), waiting for a pending
     * transactional commit to settle; -1 when the group has none or the broker does not answer within 15 s (the stage then
     * catches up on the task's first record instead).
     */
    long committed(String group) {
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        try (Admin client = Admin.create(admin)) {
            OffsetAndMetadata committed = client.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS).get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("committed offset of %s for %s unknown (%s): caught up on the first record instead", group, partition, e.toString());
            return -1;
        }
    }

    private static byte[] value(Header h) {
        return h == null ? null : h.value();
    }
}
