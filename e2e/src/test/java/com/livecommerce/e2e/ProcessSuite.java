package com.livecommerce.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole suite as separate processes on this machine, on ports and databases of its own (a local run on
 * 8081-8084, 9092 and 8180 may go on beside it): a Kafka broker ({@code infra/kafka.sh}, data wiped at every
 * start), a Keycloak with realm livecommerce ({@code infra/keycloak.sh}, its H2 store kept between runs for a
 * faster restart), the databases {@code <service>_e2e} (dropped and created again; {@code TEST_DB_SUFFIX}
 * appended), the four services from their packaged jars, and the staff console from its jar (console/). Everything lives under {@code e2e/target/e2e}:
 * each process's log, and the PID files by which {@link #stop()} ends exactly what {@link #start()} started.
 */
final class ProcessSuite extends Suite {

    final Path kafkaData = dir.resolve("kafka");
    final Path keycloakData = dir.resolve("keycloak");
    final String dbSuffix = "_e2e" + Optional.ofNullable(System.getenv("TEST_DB_SUFFIX")).orElse("");

    private final Map<String, Process> processes = new LinkedHashMap<>();

    Path logFile(String service) {
        return run.resolve(service + ".log");
    }

    /** Starts everything and returns once each service answers ready; on failure, what did start is stopped. */
    @Override
    void start() throws Exception {
        long t0 = System.nanoTime();
        for (String s : SERVICES) {
            Path jar = jar(s);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build the services first, e.g. `./mvnw -B package -DskipTests"
                        + " -pl merchant-service,provider-service,session-service,matching-service -am` (`./mvnw verify` from the"
                        + " root builds them before this module)");
            }
        }
        if (!Files.isRegularFile(consoleJar())) {
            throw new IllegalStateException(consoleJar() + " is missing: build it first, e.g. `./mvnw -B package -DskipTests -pl console`");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "e2e-suite-stop"));
        stopLeftovers();
        wipe(kafkaData);
        wipe(run);
        Files.createDirectories(run);
        keycloakRealmCheck();

        kafkaPort = freePort(1);
        keycloakPort = freePort(100);
        for (String s : SERVICES) {
            ports.put(s, freePort(0));
        }
        consolePort = freePort(0);
        log("ports: kafka %d, keycloak %d, services %s; logs in %s", kafkaPort, keycloakPort, ports, dir);

        databases();
        // the broker and Keycloak start side by side (Keycloak's first start builds and imports the realm: 40-100 s)
        Process kafka = script("kafka", "start");
        Process keycloak = script("keycloak", "start");
        awaitScript(kafka, "kafka", Duration.ofSeconds(240), kafkaData.resolve("kafka.log"));
        log("kafka up on 127.0.0.1:%d (%d s)", kafkaPort, seconds(t0));
        awaitScript(keycloak, "keycloak", Duration.ofSeconds(400), keycloakData.resolve("keycloak.log"));
        log("keycloak up on %s (%d s)", keycloakUrl(), seconds(t0));

        for (String s : SERVICES) {
            processes.put(s, service(s));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        for (String s : SERVICES) {
            while (!ready(s)) {
                Process p = processes.get(s);
                if (!p.isAlive()) {
                    throw new IllegalStateException(s + "-service exited with " + p.exitValue() + " before it was ready; see " + logFile(s));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(s + "-service is not ready after 240 s; see " + logFile(s));
                }
                Thread.sleep(250);
            }
        }
        log("services ready (%d s since the start)", seconds(t0));
        Process console = console();
        processes.put("console", console);
        while (!answers200(consoleUrl() + "/q/health/ready")) {
            if (!console.isAlive()) {
                throw new IllegalStateException("the console exited with " + console.exitValue() + " before it was ready; see " + logFile("console"));
            }
            if (System.nanoTime() > deadline + Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException("the console is not ready; see " + logFile("console"));
            }
            Thread.sleep(250);
        }
        log("console ready on %s (%d s since the start)", consoleUrl(), seconds(t0));
    }

    private Path consoleJar() {
        return root.resolve("console/target/quarkus-app/quarkus-run.jar");
    }

    /** The staff console: this suite's Keycloak (client staff-console, whose redirect URIs allow any loopback port) and services. */
    private Process console() throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + consolePort, "-Dquarkus.http.host=127.0.0.1", "-jar", consoleJar().toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(run.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile("console").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OIDC_AUTH_SERVER_URL", issuer());
        for (String s : SERVICES) {
            pb.environment().put(s.toUpperCase(java.util.Locale.ROOT) + "_SERVICE_URL", url(s));
        }
        Process p = pb.start();
        Files.writeString(run.resolve("console.pid"), Long.toString(p.pid()));
        log("console starting (pid %d) on :%d", p.pid(), consolePort);
        return p;
    }

    /** Stops what {@link #start()} started, by PID: the services, then Keycloak and the broker (their scripts stop them by their PID files). */
    @Override
    void stopAll() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Map.Entry<String, Process> e : processes.entrySet()) {
            try {
                if (!e.getValue().waitFor(20, TimeUnit.SECONDS)) {
                    e.getValue().destroyForcibly();
                }
            } catch (InterruptedException ie) {
                e.getValue().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (String s : java.util.stream.Stream.concat(SERVICES.stream(), Stream.of("console")).toList()) {
            try {
                Files.deleteIfExists(run.resolve(s + ".pid"));
            } catch (IOException ignored) {
                // best effort
            }
        }
        runQuietly("keycloak", "stop");
        runQuietly("kafka", "stop");
        log("stopped what the test started");
    }

    @Override
    List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        SERVICES.forEach(s -> logs.add(logFile(s)));
        logs.add(logFile("console"));
        logs.add(kafkaData.resolve("kafka.log"));
        logs.add(keycloakData.resolve("keycloak.log"));
        return logs;
    }

    // ---------------------------------------------------------------------------------------------------------
    // faults, for FaultInjectionEndToEndTest: each ends or cuts only what this suite started

    /** The PID of a running service. */
    long pid(String service) {
        return processes.get(service).pid();
    }

    /** SIGKILL (no shutdown hook, no graceful stop) of one service, by the PID this suite started it with; returns once it is gone. */
    void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly(); // SIGKILL on Linux
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(service + "-service (pid " + p.pid() + ") still alive 30 s after SIGKILL");
        }
        log("%s-service killed (SIGKILL, pid %d, exit %d)", service, p.pid(), p.exitValue());
    }

    /** Starts a killed service again (same port, database and KPI state; its log goes on in the same file). */
    void restart(String service) throws IOException {
        Process old = processes.get(service);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException(service + "-service is still running (pid " + old.pid() + ")");
        }
        processes.put(service, service(service));
    }

    /** Waits until the service answers ready; fails if it exits or the deadline passes. */
    void awaitReady(String service, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready(service)) {
            Process p = processes.get(service);
            if (!p.isAlive()) {
                throw new IllegalStateException(service + "-service exited with " + p.exitValue() + "; see " + logFile(service));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + "-service is not ready after " + timeout.toSeconds() + " s; see " + logFile(service));
            }
            Thread.sleep(200);
        }
    }

    /** Stops the broker ({@code infra/kafka.sh stop}: SIGTERM by its PID file); its data stays. */
    void stopKafka() throws Exception {
        awaitScript(script("kafka", "stop"), "kafka", Duration.ofSeconds(60), kafkaData.resolve("kafka.log"), "stop");
    }

    /** Starts the broker again on the same port and data. */
    void startKafka() throws Exception {
        awaitScript(script("kafka", "start"), "kafka", Duration.ofSeconds(120), kafkaData.resolve("kafka.log"), "start");
    }

    /** Stops Keycloak ({@code infra/keycloak.sh stop}); its store (realm, signing keys) stays. */
    void stopKeycloak() throws Exception {
        awaitScript(script("keycloak", "stop"), "keycloak", Duration.ofSeconds(60), keycloakData.resolve("keycloak.log"), "stop");
    }

    /** Starts Keycloak again on the same port and store; returns once it is ready. */
    void startKeycloak() throws Exception {
        awaitScript(script("keycloak", "start"), "keycloak", Duration.ofSeconds(300), keycloakData.resolve("keycloak.log"), "start");
    }

    /** The suite's own databases, {@code <service>_e2e<TEST_DB_SUFFIX>}. */
    List<String> databaseNames() {
        return SERVICES.stream().map(s -> s + dbSuffix).toList();
    }

    /**
     * Cuts every PostgreSQL connection the services hold to this suite's databases ({@code pg_terminate_backend} on their
     * backends only: the shared server and other databases are left alone); returns how many were cut.
     */
    int cutDatabaseConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             java.sql.PreparedStatement st = c.prepareStatement("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                     + " where datname = any(?) and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            st.setArray(1, c.createArrayOf("text", databaseNames().toArray()));
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Path jar(String service) {
        return root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    private Process service(String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + ports.get(name), "-Dquarkus.http.host=127.0.0.1"));
        if (name.equals("session")) {
            SESSION_SETTINGS.forEach((key, value) -> command.add("-D" + key + "=" + value));
        }
        command.addAll(List.of("-jar", jar(name).toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(run.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile())).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(serviceEnv(name + dbSuffix, 5432, run.resolve("session-kpis").toString()));
        Process p = pb.start();
        Files.writeString(run.resolve(name + ".pid"), Long.toString(p.pid()));
        log("%s-service starting (pid %d) on :%d", name, p.pid(), ports.get(name));
        return p;
    }

    private Process script(String what, String action) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("infra/" + what + ".sh").toString(), action).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(run.resolve(what + "-" + action + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        env(pb.environment());
        return pb.start();
    }

    @Override
    void env(Map<String, String> env) {
        super.env(env);
        env.put("KAFKA_DATA", kafkaData.toString());
    }

    private void awaitScript(Process p, String what, Duration timeout, Path log) throws Exception {
        awaitScript(p, what, timeout, log, "start");
    }

    private void awaitScript(Process p, String what, Duration timeout, Path log, String action) throws Exception {
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException("infra/" + what + ".sh " + action + " did not finish within " + timeout + "; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("infra/" + what + ".sh " + action + " failed: "
                    + Files.readString(run.resolve(what + "-" + action + ".log")) + "; see " + log);
        }
    }

    private void runQuietly(String what, String action) {
        try {
            if (!Files.exists(run)) {
                Files.createDirectories(run);
            }
            Process p = script(what, action);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            log("infra/%s.sh %s: %s", what, action, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A broker, Keycloak or service left running by an earlier run that was killed: stopped by its recorded PID. */
    private void stopLeftovers() throws IOException {
        for (String s : SERVICES) {
            Path pid = run.resolve(s + ".pid");
            if (Files.exists(pid)) {
                long id = Long.parseLong(Files.readString(pid).trim());
                ProcessHandle.of(id).filter(h -> h.info().commandLine().map(c -> c.contains(jar(s).toString())).orElse(false))
                        .ifPresent(h -> {
                            log("stopping %s-service left over from an earlier run (pid %d)", s, id);
                            h.destroy();
                        });
            }
        }
        Path consolePid = run.resolve("console.pid");
        if (Files.exists(consolePid)) {
            long id = Long.parseLong(Files.readString(consolePid).trim());
            ProcessHandle.of(id).filter(h -> h.info().commandLine().map(c -> c.contains(consoleJar().toString())).orElse(false))
                    .ifPresent(h -> {
                        log("stopping the console left over from an earlier run (pid %d)", id);
                        h.destroy();
                    });
        }
        if (Files.exists(kafkaData.resolve("pid")) || Files.exists(keycloakData.resolve("pid"))) {
            Files.createDirectories(run);
            runQuietly("kafka", "stop");
            runQuietly("keycloak", "stop");
        }
    }

    /** Keycloak imports the realm only into an empty store: a store made from another version of the realm file starts afresh. */
    private void keycloakRealmCheck() throws IOException {
        Path realm = root.resolve("infra/keycloak/livecommerce-realm.json");
        Path imported = keycloakData.resolve("imported-realm.json");
        if (Files.exists(imported) && Arrays.equals(Files.readAllBytes(realm), Files.readAllBytes(imported))) {
            return;
        }
        wipe(keycloakData);
        Files.createDirectories(keycloakData);
        Files.copy(realm, imported);
    }

    private void databases() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            for (String s : SERVICES) {
                st.execute("drop database if exists " + s + dbSuffix + " with (force)");
                st.execute("create database " + s + dbSuffix);
            }
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL at 127.0.0.1:5432 (user postgres) does not answer: " + e.getMessage()
                    + " (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)", e);
        }
    }
}
