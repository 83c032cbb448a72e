package com.livecommerce.session.kpi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while this instance's KPI aggregation is not running (not started yet, stopped, or failed): it
 * cannot answer {@code GET /sessions/{id}/kpis} then, so it should get no traffic. RUNNING and REBALANCING are UP (a
 * rebalance does not stop the global store that KPI reads use). Off when {@code session.kpi.enabled=false}.
 */
@Readiness
@ApplicationScoped
public class KpiReadinessCheck implements HealthCheck {

    @Inject
    KpiStreams kpis;

    @ConfigProperty(name = "session.kpi.enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named("KPI aggregation").up().withData("state", "disabled").build();
        }
        String state = kpis.state().map(KafkaStreams.State::name).orElse("NOT_STARTED");
        boolean up = kpis.state().map(s -> s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING).orElse(false);
        return HealthCheckResponse.named("KPI aggregation").status(up).withData("state", state).build();
    }
}
