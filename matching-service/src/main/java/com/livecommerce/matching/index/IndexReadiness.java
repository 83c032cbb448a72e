package com.livecommerce.matching.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN until the in-memory index has read the read-model tables once. */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {

    @Inject
    MatchingIndex index;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("matching-index").status(index.loaded())
                .withData("merchants", index.merchants().size())
                .withData("providers", index.providers().size())
                .withData("lastRefreshEpochMillis", index.lastRefresh())
                .build();
    }
}
