package com.livecommerce.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole suite, started for the end-to-end test and reached over loopback: a Kafka broker, a Keycloak with realm
 * livecommerce, PostgreSQL and the four services, each on a free port. Two ways to run it, chosen by the system
 * property {@code e2e.runtime}: {@code processes} ({@link ProcessSuite}, the default: the packaged jars and the local
 * run's scripts, what {@code ./mvnw verify} runs) and {@code containers} ({@link ContainerSuite}: the images
 * {@code infra/images.sh} builds, started through Testcontainers, what {@code .ci/run} runs as well).
 */
abstract class Suite {

    static final List<String> SERVICES = List.of("merchant", "provider", "session", "matching");

    final Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    final Path dir = Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath().normalize();
    final Path run = dir.resolve("run");

    int kafkaPort;
    int keycloakPort;
    /** The staff console's port ({@link ProcessSuite} only; 0 where the suite runs without it). */
    int consolePort;
    final Map<String, Integer> ports = new LinkedHashMap<>();

    static Suite create() {
        String runtime = System.getProperty("e2e.runtime", "processes");
        return switch (runtime) {
            case "processes", "" -> new ProcessSuite();
            case "containers" -> new ContainerSuite();
            default -> throw new IllegalArgumentException("e2e.runtime: processes or containers, not " + runtime);
        };
    }

    /** Starts everything and returns once each service answers ready; on failure, what did start is stopped. */
    abstract void start() throws Exception;

    /**
     * session-service's settings for the test: SessionEnded goes out after end + allowed lateness + grace (5 min 30 s
     * by default), seconds here; a bestseller from 5,000 CNY, as in the local run, whose demo story replays DOMAIN.md's
     * sessions at 1/100 scale ({@link DemoStoryEndToEndTest}).
     */
    static final Map<String, String> SESSION_SETTINGS = Map.of("session.telemetry.allowed-lateness", "PT2S",
            "session.close.grace", "PT1S", "session.close.every", "1s", "session.kpi.bestseller-threshold", "5000");

    private volatile boolean stopped;

    /** Stops what {@link #start()} started, and only that; once (the test's end and the shutdown hook both call it). */
    final synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopAll();
    }

    abstract void stopAll();

    /** Every log worth reading after a failure. */
    abstract List<Path> logs();

    String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    String issuer() {
        return keycloakUrl() + "/realms/livecommerce";
    }

    /** The staff console (console/), signed in through this suite's Keycloak, calling this suite's services. */
    String consoleUrl() {
        return "http://127.0.0.1:" + consolePort;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /**
     * The environment a service reads (the chart's ConfigMap keys), pointed at this suite's database, broker and
     * issuer; session-service's KPI state goes to {@code kpiStateDir}.
     */
    Map<String, String> serviceEnv(String database, int postgresPort, String kpiStateDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:" + postgresPort + "/" + database);
        env.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database);
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("OIDC_AUTH_SERVER_URL", issuer());
        env.put("KPI_STATE_DIR", kpiStateDir);
        return env;
    }

    /** What {@code infra/keycloak.sh} and {@code infra/kafka.sh} need to reach this suite's Keycloak and broker. */
    void env(Map<String, String> env) {
        env.put("KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("KEYCLOAK_PORT", Integer.toString(keycloakPort));
        env.put("KEYCLOAK_DATA", dir.resolve("keycloak").toString());
    }

    /** The last lines of every log, to read after a failure. */
    String tails(int lines) {
        StringBuilder out = new StringBuilder();
        for (Path log : logs()) {
            out.append("\n----- ").append(log).append(" (last ").append(lines).append(" lines) -----\n");
            try {
                List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log)");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                out.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    boolean ready(String service) {
        return answers200(url(service) + "/q/health/ready");
    }

    static boolean answers200(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports this JVM handed out (with their neighbours): never handed out twice, though not bound yet. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port whose neighbour at {@code +offset} is free as well (the broker's controller, Keycloak's management port),
     * taken from 20000-32699, below Linux's ephemeral range (32768-60999): a port picked there could be taken by any
     * outgoing connection (a download, a Kafka client) before its server binds it (seen: Keycloak's management port).
     */
    static synchronized int freePort(int offset) throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20000 + random.nextInt(12700 - offset);
            if (HANDED_OUT.contains(port) || HANDED_OUT.contains(port + offset) || !free(port) || (offset > 0 && !free(port + offset))) {
                continue;
            }
            HANDED_OUT.add(port);
            HANDED_OUT.add(port + offset);
            return port;
        }
        throw new IOException("no free port pair found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void wipe(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static long seconds(long t0) {
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    /** A line of the test's own progress: on the console and in {@code run/e2e.log} (kept after the run, like the logs). */
    static void log(String format, Object... args) {
        String line = "[e2e] " + DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalTime.now(ZoneOffset.UTC)) + " " + format.formatted(args);
        System.out.println(line);
        try {
            Path file = Path.of(System.getProperty("e2e.dir", "target/e2e"), "run", "e2e.log");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the console has it
        }
    }
}
