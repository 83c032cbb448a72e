import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays a dead-letter topic after the fix (k8s/README.md, "Dead letters"). Reads {@code <service>.<topic>.dlq} as the
 * consumer group {@code dlq-replay.<dlq>} (so a record is replayed once, however often the tool runs), and writes each
 * record back to the topic it came from (its {@code dead-letter-topic} header, or --to) with its key, value and
 * CloudEvent headers ({@code ce_id} unchanged: every consumer de-duplicates by it, so consumers that had processed
 * the event before change nothing), without the {@code dead-letter-*} headers. Prints each record's offset, key and
 * reason. --dry-run only prints (and commits nothing). Exits 0 when the topic is drained.
 * <p>
 * usage: scripts/dlq-replay.sh --bootstrap HOST:PORT --dlq TOPIC [--to TOPIC] [--dry-run] [--max N]
 */
public class DlqReplay {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> opt.put("dry-run", "true");
                case "--bootstrap", "--dlq", "--to", "--max" -> opt.put(args[i].substring(2), args[++i]);
                default -> usage("unknown option " + args[i]);
            }
        }
        String bootstrap = opt.getOrDefault("bootstrap", "127.0.0.1:9092");
        String dlq = opt.get("dlq");
        if (dlq == null) {
            usage("--dlq is required");
        }
        boolean dryRun = opt.containsKey("dry-run");
        long max = Long.parseLong(opt.getOrDefault("max", Long.toString(Long.MAX_VALUE)));

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-replay." + dlq);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c); KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            consumer.subscribe(List.of(dlq));
            int emptyPolls = 0;
            while (replayed < max && emptyPolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                if (records.isEmpty()) {
                    emptyPolls++;
                    continue;
                }
                emptyPolls = 0;
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (replayed >= max) {
                        break;
                    }
                    String to = opt.getOrDefault("to", header(r, "dead-letter-topic"));
                    if (to == null) {
                        throw new IllegalStateException("offset " + r.offset() + " has no dead-letter-topic header: give --to");
                    }
                    System.out.printf("%s %s-%d@%d key=%s -> %s  reason: %s%n", dryRun ? "would replay" : "replay", r.topic(), r.partition(),
                            r.offset(), r.key() == null ? null : new String(r.key()), to, header(r, "dead-letter-reason"));
                    if (!dryRun) {
                        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(to, null, r.key(), r.value());
                        for (Header h : r.headers()) {
                            if (!h.key().startsWith("dead-letter-")) {
                                out.headers().add(h);
                            }
                        }
                        sends.add(producer.send(out));
                    }
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    replayed++;
                }
                for (Future<RecordMetadata> f : sends) {
                    f.get(); // acknowledged by the broker before the DLQ offset moves
                }
                if (!dryRun) {
                    consumer.commitSync(done);
                }
            }
        }
        System.out.printf("%s %d record(s) of %s%n", dryRun ? "would replay" : "replayed", replayed, dlq);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value());
    }

    private static void usage(String why) {
        System.err.println(why + "\nusage: scripts/dlq-replay.sh --bootstrap HOST:PORT --dlq TOPIC [--to TOPIC] [--dry-run] [--max N]");
        System.exit(2);
    }
}
