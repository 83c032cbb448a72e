package com.livecommerce.session.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Session A scaled down 100x (40,000 viewers at the same rates), sent out of order with duplicates and late
 * events: every KPI comes out exactly as the fixture computes it, the headline rates are Session A's, and
 * SessionEnded carries them once.
 */
@QuarkusTest
class SessionAKpisTest {

    static final Path SESSION_ENDED = Path.of("src/main/resources/events/session-events/SessionEnded.schema.json");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "session.kpi.bestseller-threshold")
    BigDecimal threshold;

    @Test
    void sessionAScaledDownComesOutExactly() throws Exception {
        SessionAFixture f = new SessionAFixture(2021_11_25L, Instant.parse("2021-11-25T11:00:00Z"), 40_000);
        UUID merchant = UUID.randomUUID();
        UUID session = FixtureRun.schedule(f, merchant);
        JsonNode k = FixtureRun.play(f, session, 5_000, batch -> { });
        FixtureRun.assertExact(f, k, threshold, FixtureRun.duplicatesOf(f, 5_000));
        // Session A's figures, scaled: conversion 3.31%, UV value 5.99, ROI 11+ and 21, 7 bestsellers, reservations 1:2
        FixtureRun.assertDecimal(new BigDecimal("0.0331"), k.get("payConversionRate"), "payConversionRate");
        FixtureRun.assertDecimal(new BigDecimal("5.99"), k.get("uvValue"), "uvValue");
        FixtureRun.assertDecimal(new BigDecimal("239600.00"), k.get("gmv"), "gmv");
        FixtureRun.assertDecimal(new BigDecimal("11.1101"), k.get("roiByChannel").get("PAID_PROMOTION"), "paid promotion ROI");
        FixtureRun.assertDecimal(new BigDecimal("21.0049"), k.get("roiByChannel").get("FAN_BOOST"), "fan boost ROI");
        FixtureRun.assertDecimal(new BigDecimal("2.0000"), k.get("reservationToBuyerRatio"), "reservations : buyers");
        FixtureRun.assertDecimal(new BigDecimal("0.2500"), k.get("newBuyerShare"), "new buyers");
        assertEquals(7, k.get("bestsellers").size(), k.get("bestsellers").toString());
        assertEquals(true, k.get("closed").asBoolean());

        try (TopicProbe probe = TopicProbe.from(bootstrap, "session-events")) {
            List<ConsumerRecord<String, String>> ended = probe.await(r -> session.toString().equals(r.key())
                    && "SessionEnded".equals(TopicProbe.header(r, "ce_type")), 1, Duration.ofSeconds(30));
            assertEquals(1, probe.drain(r -> session.toString().equals(r.key()) && "SessionEnded".equals(TopicProbe.header(r, "ce_type")),
                    Duration.ofSeconds(3)).size(), "SessionEnded once");
            String json = ended.get(0).value();
            assertEquals(List.of(), EventSchemas.violations(EventSchemas.fromFile(SESSION_ENDED), json), json);
            JsonNode data = FixtureRun.JSON.readTree(json);
            assertEquals(merchant.toString(), data.get("merchantId").asText());
            assertEquals("2021-11-25", data.get("date").asText());
            FixtureRun.assertDecimal(new BigDecimal("239600.00"), data.get("gmv"), "SessionEnded.gmv");
            assertEquals(f.expected.orders(), data.get("orders").asLong());
            FixtureRun.assertDecimal(BigDecimal.valueOf(f.expected.spendFen(), 2), data.get("adSpend"), "SessionEnded.adSpend");
            FixtureRun.assertDecimal(k.get("avgWatchSeconds").decimalValue(), data.get("kpis").get("avgWatchSeconds"), "SessionEnded.kpis");
        }
    }
}
