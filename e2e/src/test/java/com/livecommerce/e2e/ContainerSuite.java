package com.livecommerce.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole suite in containers, started through Testcontainers from the images {@code infra/images.sh} builds here
 * (nothing is pulled): PostgreSQL ({@code livecommerce/postgres:15}), Kafka ({@code livecommerce/kafka:4.1.2}),
 * Keycloak with realm livecommerce ({@code livecommerce/keycloak:26.5.5}) and the four services'
 * images ({@code livecommerce/<service>:latest}, JDK 25 with the AOT cache). Every container runs with host
 * networking (all traffic stays on loopback, each on a free port of its own), a read-only root filesystem and the
 * image's non-root user; what it writes goes to anonymous volumes. Each service's schema is migrated first by its own
 * image run once with {@code QUARKUS_INIT_AND_EXIT=true}, as the Helm chart's pre-install hook Job does; the services
 * then start with migrations off, as the chart's Deployments do.
 * <p>
 * Testcontainers' Ryuk and its start-up checks would pull images, so they are off (surefire sets
 * {@code TESTCONTAINERS_RYUK_DISABLED} and {@code TESTCONTAINERS_CHECKS_DISABLE}); every container carries the label
 * {@value #LABEL} (the test JVM's pid) and is removed, with its volumes, by {@link #stop()}, by a shutdown hook, or by a
 * later run once that JVM is gone.
 */
final class ContainerSuite extends Suite {

    static final String LABEL = "com.livecommerce.e2e";
    static final String TAG = System.getProperty("e2e.image.tag", "latest");

    /** Everything started, for the clean-up; the long-running ones, to notice one that exits while the test waits. */
    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private final List<GenericContainer<?>> daemons = new ArrayList<>();
    private final Map<String, Path> logs = new LinkedHashMap<>();
    private int postgresPort;

    @Override
    void start() throws Exception {
        long t0 = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "e2e-containers-stop"));
        removeLeftovers();
        wipe(run);
        Files.createDirectories(run);
        postgresPort = freePort(0);
        kafkaPort = freePort(1);
        keycloakPort = freePort(100);
        for (String s : SERVICES) {
            ports.put(s, freePort(0));
        }
        log("containers: postgres %d, kafka %d, keycloak %d, services %s; logs in %s", postgresPort, kafkaPort, keycloakPort, ports, run);

        daemon(container("postgres", "livecommerce/postgres:15", List.of("/var/lib/postgresql/data", "/tmp"))
                .withEnv("PGPORT", Integer.toString(postgresPort))
                .withEnv("POSTGRES_DATABASES", String.join(" ", SERVICES)));
        daemon(container("kafka", "livecommerce/kafka:4.1.2", List.of("/var/lib/kafka", "/tmp"))
                .withEnv("KAFKA_PORT", Integer.toString(kafkaPort)));
        daemon(container("keycloak", "livecommerce/keycloak:26.5.5", List.of("/var/lib/keycloak", "/tmp"))
                .withEnv("KEYCLOAK_PORT", Integer.toString(keycloakPort)));
        await("PostgreSQL on 127.0.0.1:" + postgresPort, Duration.ofSeconds(60), this::postgresAnswers);
        log("postgres up (%d s)", seconds(t0));
        await("Kafka on 127.0.0.1:" + kafkaPort, Duration.ofSeconds(120), () -> listening(kafkaPort));
        log("kafka up (%d s)", seconds(t0));

        // the schema of each service, once, by its own image: what the chart's pre-install hook Job runs
        for (String s : SERVICES) {
            GenericContainer<?> migration = service(s, "migrate")
                    .withEnv("QUARKUS_INIT_AND_EXIT", "true")
                    .withEnv("QUARKUS_FLYWAY_MIGRATE_AT_START", "true")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(180)));
            migration.start(); // fails unless the container exits 0
            log("%s-service: schema migrated by its image (init-and-exit)", s);
        }

        await("Keycloak ready on " + keycloakUrl(), Duration.ofSeconds(400),
                () -> answers200("http://127.0.0.1:" + (keycloakPort + 100) + "/health/ready"));
        log("keycloak up on %s (%d s)", keycloakUrl(), seconds(t0));

        for (String s : SERVICES) {
            GenericContainer<?> service = service(s, "service");
            if (s.equals("session")) {
                // as environment variables: session.close.grace -> SESSION_CLOSE_GRACE
                SESSION_SETTINGS.forEach((key, value) -> service.withEnv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value));
            }
            daemon(service);
        }
        for (String s : SERVICES) {
            await(s + "-service ready", Duration.ofSeconds(240), () -> ready(s));
        }
        log("services ready (%d s since the start)", seconds(t0));
    }

    @Override
    void stopAll() {
        for (int i = containers.size() - 1; i >= 0; i--) {
            try {
                containers.get(i).stop(); // removes the container and its anonymous volumes
            } catch (RuntimeException e) {
                log("stopping %s: %s", containers.get(i).getDockerImageName(), e.getMessage());
            }
        }
        log("removed the containers the test started");
    }

    @Override
    List<Path> logs() {
        return List.copyOf(logs.values());
    }

    private void daemon(GenericContainer<?> c) {
        c.start();
        daemons.add(c);
    }

    /** A service's image with the settings the chart's ConfigMap gives it, pointed at this suite's containers. */
    private GenericContainer<?> service(String name, String role) {
        GenericContainer<?> c = container(name + "-" + role, "livecommerce/" + name + "-service:" + TAG, List.of("/tmp"))
                .withEnv("QUARKUS_HTTP_HOST", "127.0.0.1")
                .withEnv("QUARKUS_HTTP_PORT", Integer.toString(ports.get(name)))
                .withEnv("JAVA_TOOL_OPTIONS", "-Xmx256m");
        serviceEnv(name, postgresPort, "/tmp/session-kpis").forEach(c::withEnv);
        return c;
    }

    /**
     * A container of a locally built image: host network, read-only root filesystem, the image's own (non-root) user,
     * anonymous volumes for what it writes, its output in {@code run/<name>.log}, labelled for clean-up.
     */
    private GenericContainer<?> container(String name, String image, List<String> writable) {
        Path log = run.resolve(name + ".log");
        logs.put(name, log);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withLabel(LABEL, Long.toString(ProcessHandle.current().pid()))
                .withImagePullPolicy(imageName -> false)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName("e2e-" + name + "-" + ProcessHandle.current().pid());
                    cmd.withVolumes(writable.stream().map(Volume::new).toList());
                    cmd.getHostConfig().withReadonlyRootfs(true);
                })
                .withLogConsumer((OutputFrame frame) -> append(log, frame.getUtf8String()));
        containers.add(c);
        return c;
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Containers an earlier run left behind (killed before its clean-up): removed with their volumes. The label holds
     * the test JVM's pid, so a run beside this one (another checkout) keeps its containers.
     */
    private static void removeLeftovers() {
        DockerClient docker = DockerClientFactory.instance().client();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()) {
            String owner = c.getLabels().getOrDefault(LABEL, "");
            boolean ownerAlive = owner.matches("\\d+") && ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
            if (!ownerAlive) {
                log("removing container %s left over from an earlier run", String.join(",", c.getNames()));
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
    }

    private boolean postgresAnswers() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + SERVICES.get(0), "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            for (GenericContainer<?> c : daemons) {
                if (!c.isRunning()) {
                    throw new IllegalStateException(c.getDockerImageName() + " exited while waiting for " + what);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }
}
