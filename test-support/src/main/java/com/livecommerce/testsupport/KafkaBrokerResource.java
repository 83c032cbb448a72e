package com.livecommerce.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker (KRaft, in this JVM) for the tests. Its ports and log directory are fixed
 * for the life of the test run so that a test can {@link #stopBroker() stop} it and
 * {@link #startBroker() start} it again with the same data, as an outage would.
 * Tests get hold of it with a field annotated {@link InjectKafkaBroker}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;
    private int kafkaPort;
    private int controllerPort;
    private Path logDir;
    private String clusterId;

    @Override
    public Map<String, String> start() {
        kafkaPort = freePort();
        controllerPort = freePort();
        try {
            logDir = Files.createTempDirectory("kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        startBroker();
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    public synchronized void startBroker() {
        if (broker != null && broker.isRunning()) {
            return;
        }
        broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withClusterId(clusterId)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dir", logDir.toString());
                    p.put("num.partitions", "3");
                    p.put("auto.create.topics.enable", "true");
                })
                .start();
    }

    public synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBrokerResource.class));
    }

    @Override
    public void stop() {
        stopBroker();
        deleteRecursively(logDir);
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
