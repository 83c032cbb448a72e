package com.livecommerce.merchant.ledger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.Tokens;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Ledger writes of one merchant are serialised on the merchant's row: concurrent writes lose no
 * stage change, and their events reach the topic in the order of the merchant's versions.
 */
@QuarkusTest
class ConcurrentLedgerWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void concurrentWritesKeepVersionsAndStagesInOrder() throws Exception {
        UUID id = Fixtures.merchant("Busy Ledger");
        LocalDate today = LocalDate.parse("2026-06-30");
        Fixtures.today(today.toString());
        int writers = 16;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                // old sales make the merchant DECLINING, recent ones GROWING again: stage changes race with each other
                LocalDate date = i % 2 == 0 ? today.minusDays(100 + i) : today.minusDays(i);
                String body = "[{\"date\": \"" + date + "\", \"gmv\": " + (100 + i) + ", \"orders\": 1, \"sourceId\": \"w" + i + "\"}]";
                answers.add(threads.submit(() -> given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                        .post("/merchants/{id}/gmv", id).then().extract().statusCode()));
            }
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get());
            }
        } finally {
            threads.shutdown();
        }
        String finalStage = given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().extract().path("stage");
        int finalVersion = given().auth().oauth2(Tokens.admin()).get("/merchants/{id}", id).then().extract().path("version");

        try (TopicProbe probe = TopicProbe.from(bootstrap, "merchant-events")) {
            List<ConsumerRecord<String, String>> recorded = probe.await(r -> id.toString().equals(r.key())
                    && "MerchantGmvRecorded".equals(TopicProbe.header(r, "ce_type")), writers, Duration.ofSeconds(30));
            long previous = 0;
            for (ConsumerRecord<String, String> r : recorded) {
                JsonNode data = JSON.readTree(r.value());
                assertTrue(data.hasNonNull("version"), "MerchantGmvRecorded carries the merchant's version: " + r.value());
                long version = data.get("version").asLong();
                assertTrue(version > previous, "versions increase in topic order: " + version + " after " + previous);
                previous = version;
            }
            assertEquals(finalVersion, previous, "the last event carries the merchant's current version");

            List<ConsumerRecord<String, String>> assessed = probe.drain(r -> id.toString().equals(r.key())
                    && "MerchantGrowthAssessed".equals(TopicProbe.header(r, "ce_type")), Duration.ofSeconds(1));
            String stage = "NEW";
            for (ConsumerRecord<String, String> r : assessed) {
                JsonNode data = JSON.readTree(r.value());
                assertEquals(stage, data.get("previousStage").asText(), "each change starts where the previous one ended");
                stage = data.get("stage").asText();
            }
            assertEquals(finalStage, stage, "no stage change was lost");
        }
    }
}
