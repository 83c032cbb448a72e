package com.livecommerce.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes a topic of the real test broker with the plain Kafka clients, as another
 * service would: {@link #await} waits for the records a test expects, {@link #send} publishes a
 * CloudEvent (binary mode) or any raw bytes.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicProbe(String bootstrap, String topic, Deserializer<String> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
    }

    /** A probe reading {@code topic} from its beginning. */
    public static TopicProbe from(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic, new StringDeserializer());
    }

    /**
     * A probe of a topic with binary values: each value is given as an ISO-8859-1 string, one char per byte, so
     * {@code value().getBytes(StandardCharsets.ISO_8859_1)} is the record's bytes exactly.
     */
    public static TopicProbe binary(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic, (t, data) -> data == null ? null : new String(data, StandardCharsets.ISO_8859_1));
    }

    /** Polls until {@code count} records seen so far match, or fails after {@code timeout}; returns the matches. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> matches = seen.stream().filter(match).toList();
            if (matches.size() >= count) {
                return matches;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching records, saw " + matches.size()
                        + " (of " + seen.size() + " records) within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Keeps polling for {@code quiet} and returns every matching record seen (to check nothing extra arrived). */
    public List<ConsumerRecord<String, String>> drain(Predicate<ConsumerRecord<String, String>> match, Duration quiet) {
        Instant end = Instant.now().plus(quiet);
        while (Instant.now().isBefore(end)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.stream().filter(match).toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Publishes a CloudEvent in binary mode, as the suite's OutboxRelay does. */
    public static void sendCloudEvent(String bootstrap, String topic, String key, String id, String type, String source,
            String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", source.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        send(bootstrap, record);
    }

    /** Publishes a raw record with no CloudEvents headers (a poison message for consumers). */
    public static void sendRaw(String bootstrap, String topic, String key, String value) {
        send(bootstrap, new ProducerRecord<>(topic, key, value));
    }

    private static void send(String bootstrap, ProducerRecord<String, String> record) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
