package com.livecommerce.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Points the service under test at the real PostgreSQL of this machine (127.0.0.1:5432 unless
 * {@code PGHOST}/{@code PGPORT}/{@code PGUSER}/{@code PGPASSWORD} say otherwise) and creates the
 * service's test database if it is missing. Init arg {@code database}: the database name (plus
 * {@code TEST_DB_SUFFIX} from the environment, if set). The
 * reactive connections (everything but Flyway) go through a {@link TcpProxy}, which a test gets with
 * {@link InjectDatabaseProxy} to cut the service off from PostgreSQL.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String database = "test";
    private TcpProxy proxy;

    @Override
    public void init(Map<String, String> initArgs) {
        // TEST_DB_SUFFIX lets two checkouts run their tests at once without sharing (and cleaning) a database
        database = initArgs.getOrDefault("database", database) + env("TEST_DB_SUFFIX", "");
    }

    @Override
    public Map<String, String> start() {
        String host = env("PGHOST", "127.0.0.1");
        String port = env("PGPORT", "5432");
        String user = env("PGUSER", "postgres");
        String password = env("PGPASSWORD", "");
        ensureDatabase(host, port, user, password, database);
        proxy = new TcpProxy(host, Integer.parseInt(port));
        return Map.of(
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database,
                "quarkus.datasource.devservices.enabled", "false");
    }

    /** Creates {@code database} unless it exists; fails with one clear line when the server is down. */
    public static void ensureDatabase(String host, String port, String user, String password, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=5";
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (var st = c.createStatement()) {
                st.execute("create database " + database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created concurrently by another test JVM
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port + " (" + e.getMessage()
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(InjectDatabaseProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        // the database is kept; Flyway cleans it at the next test start
        if (proxy != null) {
            proxy.close();
        }
    }
}
