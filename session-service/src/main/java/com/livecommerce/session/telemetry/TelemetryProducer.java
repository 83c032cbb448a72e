package com.livecommerce.session.telemetry;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * The producer of the telemetry hot path: one idempotent KafkaProducer for the JVM (thread-safe; it
 * batches the records of all requests together), acks=all, lz4, linger and large batches. Its settings
 * are {@code session.telemetry.producer.*} (any Kafka producer property) over the defaults below.
 * A broker outage fails sends within {@code delivery.timeout.ms}, and a send whose metadata is
 * unknown fails within {@code max.block.ms}.
 */
@ApplicationScoped
public class TelemetryProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrap;

    @Inject
    Config config;

    private volatile Producer<byte[], byte[]> producer;
    private volatile int partitions;

    Map<String, Object> settings() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "session-telemetry-ingest");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        String prefix = "session.telemetry.producer.";
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                p.put(name.substring(prefix.length()), config.getValue(name, String.class));
            }
        }
        return p;
    }

    Producer<byte[], byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(settings(), new ByteArraySerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    /** The partitions of {@code session-telemetry} (from the producer's metadata; blocks up to max.block.ms while unknown). */
    public int partitions() {
        int n = partitions;
        if (n == 0) {
            n = producer().partitionsFor(TelemetryTopics.TELEMETRY).size();
            partitions = n;
        }
        return n;
    }

    /** Sends one record; the future completes when the broker acknowledged it (or fails). Throws when the send cannot even start. */
    public CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer().send(record, (metadata, error) -> {
            if (error == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(error);
            }
        });
        return acked;
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
