package com.livecommerce.session.kpi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The Streams app is stopped in the middle of a session (telemetry keeps being accepted: it only needs the
 * broker), then started again: it resumes from its committed state and the KPIs come out exactly as without
 * the stop.
 */
@QuarkusTest
class StreamsRestartTest {

    @Inject
    KpiStreams streams;

    @ConfigProperty(name = "session.kpi.bestseller-threshold")
    BigDecimal threshold;

    @Test
    void stoppedAndRestartedMidStreamTheKpisStayExact() {
        SessionAFixture f = new SessionAFixture(7L, Instant.parse("2021-11-26T11:00:00Z"), 4_000);
        UUID session = FixtureRun.schedule(f, UUID.randomUUID());
        int[] stoppedAt = {-1};
        JsonNode k;
        try {
            k = FixtureRun.play(f, session, 1_000, batch -> {
                if (batch == 2) {
                    // let the aggregation take some of it, then stop it mid-stream
                    await().atMost(Duration.ofSeconds(60)).until(() -> FixtureRun.kpis(session).get("eventsCounted").asLong() > 0);
                    streams.stop();
                    stoppedAt[0] = batch;
                    given().auth().oauth2(Tokens.admin()).get("/sessions/{id}/kpis", session)
                            .then().spec(Problems.of(503, "unavailable"));
                    // and this instance says so: not ready while it cannot answer KPIs
                    given().get("/q/health/ready").then().statusCode(503)
                            .body("checks.find { it.name == 'KPI aggregation' }.status", equalTo("DOWN"));
                } else if (batch == 5) {
                    streams.start();
                    await().atMost(Duration.ofSeconds(60)).until(() -> streams.state().orElseThrow() == KafkaStreams.State.RUNNING);
                    given().get("/q/health/ready").then().statusCode(200)
                            .body("checks.find { it.name == 'KPI aggregation' }.status", equalTo("UP"));
                }
            });
        } finally {
            streams.start();
        }
        assertTrue(stoppedAt[0] == 2, "the aggregation was stopped mid-stream");
        FixtureRun.assertExact(f, k, threshold, FixtureRun.duplicatesOf(f, 1_000));
    }
}
