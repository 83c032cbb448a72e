package com.livecommerce.plumbing.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while the Kafka broker cannot be reached, answered within a bounded time
 * ({@code suite.health.kafka-timeout}, default 2 s) so a kubelet probe never hangs. (Quarkus' own
 * Kafka check waits for the admin client's default API timeout, a minute.) Writes keep working
 * while it is DOWN: their events wait in the outbox.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrap;

    @ConfigProperty(name = "suite.health.kafka-timeout-ms", defaultValue = "2000")
    int timeoutMs;

    private volatile Admin admin;

    @Override
    public HealthCheckResponse call() {
        try {
            var nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeoutMs + 500L, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("Kafka broker").status(!nodes.isEmpty())
                    .withData("bootstrap", bootstrap).withData("nodes", nodes.size()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka broker").down()
                    .withData("bootstrap", bootstrap).withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.<String, Object>of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                            AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check",
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
