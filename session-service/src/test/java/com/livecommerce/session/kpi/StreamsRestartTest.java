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
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The Streams app is stopped in the middle of a session (telemetry keeps being accepted: it only needs the
 * broker), then started again: it resumes from its committed state and the KPIs come out exactly as without
 * the stop. The same when a stream thread dies in the middle of a chunk, and when the partial stage's databases are lost.
 */
@QuarkusTest
class StreamsRestartTest {

    @Inject
    KpiStreams streams;

    @ConfigProperty(name = "session.kpi.bestseller-threshold")
    BigDecimal threshold;

    @ConfigProperty(name = "session.kpi.state-dir")
    String stateDir;

    @ConfigProperty(name = "session.kpi.application-id")
    String applicationId;

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

    /**
     * A failure between a chunk's writes to the partial store and the commit of its transaction (the stream thread dies):
     * the transaction aborts, Streams goes back to the committed offset, the store is ahead of it and is rebuilt from the
     * partition; the KPIs come out exactly.
     */
    @Test
    void aFailureInTheMiddleOfAChunkLosesNothingAndCountsNothingTwice() {
        SessionAFixture f = new SessionAFixture(8L, Instant.parse("2021-11-26T13:00:00Z"), 4_000);
        UUID session = FixtureRun.schedule(f, UUID.randomUUID(), 2);
        AtomicInteger injected = new AtomicInteger();
        JsonNode k;
        try {
            k = FixtureRun.play(f, session, 1_000, batch -> {
                if (batch == 1) {
                    PartialAggregator.afterApply = () -> {
                        if (injected.incrementAndGet() == 1) {
                            throw new IllegalStateException("injected: the stream thread dies after the store write, before the commit");
                        }
                    };
                }
            });
        } finally {
            PartialAggregator.afterApply = () -> {
            };
        }
        assertTrue(injected.get() >= 1, "the fault was injected");
        FixtureRun.assertExact(f, k, threshold, FixtureRun.duplicatesOf(f, 1_000));
    }

    /** The partial stage's databases are lost while the aggregation is stopped (a new disk): rebuilt from the partitions. */
    @Test
    void lostPartialDatabasesAreRebuiltFromThePartitions() {
        SessionAFixture f = new SessionAFixture(9L, Instant.parse("2021-11-26T15:00:00Z"), 4_000);
        UUID session = FixtureRun.schedule(f, UUID.randomUUID(), 3);
        JsonNode k;
        try {
            k = FixtureRun.play(f, session, 1_000, batch -> {
                if (batch == 2) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> FixtureRun.kpis(session).get("eventsCounted").asLong() > 0);
                    streams.stop();
                    KpiStreams.deleteRecursively(Path.of(stateDir, applicationId, "partials"));
                    streams.start();
                }
            });
        } finally {
            streams.start();
        }
        FixtureRun.assertExact(f, k, threshold, FixtureRun.duplicatesOf(f, 1_000));
    }
}
