package com.livecommerce.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One line, parsed once: every field read exactly (money in fen), every bad line refused with its reason. */
class TelemetryParserTest {

    static final TelemetryParser PARSER = new TelemetryParser(new JsonFactory());
    static final UUID SESSION = UUID.fromString("0d8e9a3c-1f4b-4a51-9a0e-7b5d1c2e3f40");

    static TelemetryEvent parse(String line) throws TelemetryParser.Rejected {
        byte[] b = ("  " + line + "  ").getBytes(StandardCharsets.UTF_8);
        return PARSER.parse(b, 2, b.length - 4, SESSION);
    }

    @Test
    void everyFieldOfEveryTypeIsRead() throws Exception {
        assertEquals(new TelemetryEvent(TelemetryType.ORDER_PAID, "e-3", 1_637_838_180_000L, null, "o-5531", "b-77", true, "羽绒服", 89_900,
                        SalesChannel.PAID_PROMOTION),
                parse("{\"type\":\"ORDER_PAID\",\"eventId\":\"e-3\",\"time\":\"2021-11-25T19:03:00+08:00\",\"orderId\":\"o-5531\","
                        + "\"buyerId\":\"b-77\",\"newBuyer\":true,\"productId\":\"羽绒服\",\"amount\":899.00,\"channel\":\"PAID_PROMOTION\","
                        + "\"unknown\":{\"nested\":[1,2]},\"sessionId\":\"" + SESSION + "\"}"));
        assertEquals(new TelemetryEvent(TelemetryType.AD_SPEND, "e-5", 1_637_838_060_000L, null, null, null, false, null, 250_050,
                        SalesChannel.FAN_BOOST),
                parse("{\"type\":\"AD_SPEND\",\"eventId\":\"e-5\",\"time\":\"2021-11-25T11:01:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":\"2500.5\"}"));
        assertEquals(new TelemetryEvent(TelemetryType.ORDER_REFUNDED, "e-4", 1_637_843_400_000L, null, "o-5531", null, false, null, 1, null),
                parse("{\"type\":\"ORDER_REFUNDED\",\"eventId\":\"e-4\",\"time\":\"2021-11-25T12:30:00Z\",\"orderId\":\"o-5531\",\"amount\":0.01}"));
        assertEquals(new TelemetryEvent(TelemetryType.VIEWER_LEAVE, "e-2", 1_637_838_299_123L, "v-1", null, null, false, null, 0, null),
                parse("{\"eventId\":\"e-2\",\"viewerId\":\"v-1\",\"time\":\"2021-11-25T11:04:59.123Z\",\"type\":\"VIEWER_LEAVE\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\"|malformed JSON",
            "[1]|not a JSON object",
            "{\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\"}|type is required",
            "{\"type\":\"VIEWER_DANCE\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\"}|unknown type 'VIEWER_DANCE'",
            "{\"type\":\"VIEWER_ENTER\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\"}|eventId is required",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\"}|eventId must have 1 to 128 characters",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\",\"viewerId\":\"v\"}|time is required",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\",\"time\":\"2021-11-25\",\"viewerId\":\"v\"}|time '2021-11-25' is not an ISO-8601 date-time with offset",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\"}|viewerId is required for VIEWER_ENTER",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":7,\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\"}|eventId must be a string",
            "{\"type\":\"ORDER_PAID\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"orderId\":\"o\",\"buyerId\":\"b\",\"productId\":\"p\",\"amount\":1,\"channel\":\"ORGANIC\"}|newBuyer is required for ORDER_PAID",
            "{\"type\":\"ORDER_PAID\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"orderId\":\"o\",\"buyerId\":\"b\",\"productId\":\"p\",\"newBuyer\":\"yes\",\"amount\":1,\"channel\":\"ORGANIC\"}|newBuyer must be true or false",
            "{\"type\":\"ORDER_PAID\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"orderId\":\"o\",\"buyerId\":\"b\",\"productId\":\"p\",\"newBuyer\":true,\"amount\":100000000.01,\"channel\":\"ORGANIC\"}|amount 100000000.01 is above 100000000.00",
            "{\"type\":\"ORDER_PAID\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"orderId\":\"o\",\"buyerId\":\"b\",\"productId\":\"p\",\"newBuyer\":true,\"amount\":1,\"channel\":\"TV\"}|unknown channel 'TV' for ORDER_PAID, expected one of [PAID_PROMOTION, FAN_BOOST, ORGANIC]",
            "{\"type\":\"AD_SPEND\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":-1}|negative amount -1",
            "{\"type\":\"AD_SPEND\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":\"1e3x\"}|amount '1e3x' is not a number",
            "{\"type\":\"AD_SPEND\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":null}|amount is required for AD_SPEND",
            "{\"type\":\"AD_SPEND\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"channel\":\"FAN_BOOST\",\"amount\":true}|amount must be a number or a string",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\",\"sessionId\":\"other\"}|sessionId other is not this session",
            "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"e\",\"time\":\"2021-11-25T11:00:00Z\",\"viewerId\":\"v\"} 1|more than one JSON value on the line"})
    void badLinesAreRefusedWithTheirReason(String line, String reason) {
        TelemetryParser.Rejected e = assertThrows(TelemetryParser.Rejected.class, () -> parse(line));
        assertEquals(reason, e.getMessage().startsWith("malformed JSON") ? "malformed JSON" : e.getMessage());
    }
}
