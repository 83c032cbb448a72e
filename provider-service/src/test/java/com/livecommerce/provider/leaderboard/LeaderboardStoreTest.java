package com.livecommerce.provider.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.livecommerce.provider.provider.ProviderType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rows the store writes are JSON that reads back into the same entries, exactly. */
class LeaderboardStoreTest {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void rowsAreJsonThatReadsBackExactly() throws Exception {
        List<LeaderboardCalculator.Entry> entries = LeaderboardCalculator.compute(List.of(
                LeaderboardCalculatorTest.results(1, "1000000.00", "2000000.00", 2, 4, 1, "4.5", "kids-wear", "b"),
                LeaderboardCalculatorTest.results(2, "0.00", "0.00", 0, 0, 0, null, "kids-wear")),
                LeaderboardCalculator.Weights.DEFAULT, new BigDecimal("0.10"));
        JsonNode rows = MAPPER.readTree(LeaderboardStore.rowsJson(entries));
        assertEquals(entries.size(), rows.size());
        for (int i = 0; i < entries.size(); i++) {
            LeaderboardCalculator.Entry e = entries.get(i);
            JsonNode row = rows.get(i);
            assertEquals(e.type().name(), row.get("provider_type").asText());
            assertEquals(e.category(), row.get("category").asText());
            assertEquals(e.providerId(), UUID.fromString(row.get("provider_id").asText()));
            assertEquals(e.rank(), row.get("rank").asInt());
            assertEquals(e.score(), new BigDecimal(row.get("score").toString()));
            assertEquals(e.probation(), row.get("probation").asBoolean());
            LeaderboardCalculator.Components read = MAPPER.readValue(row.get("components").toString(),
                    LeaderboardCalculator.Components.class);
            assertEquals(e.components(), read);
        }
        assertEquals("[]", LeaderboardStore.rowsJson(List.of()));
    }

    @Test
    void textIsEscaped() throws Exception {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("a\"b\\c\n", BigDecimal.ONE);
        LeaderboardCalculator.Components c = new LeaderboardCalculator.Components(null, 0, BigDecimal.ZERO, null, values, values);
        List<LeaderboardCalculator.Entry> entries = List.of(new LeaderboardCalculator.Entry(ProviderType.BRAND, "odd\"cat\\", new UUID(0, 1),
                1, BigDecimal.ZERO, c, false));
        JsonNode row = MAPPER.readTree(LeaderboardStore.rowsJson(entries)).get(0);
        assertEquals("odd\"cat\\", row.get("category").asText());
        assertEquals(1, row.get("components").get("scaled").get("a\"b\\c\n").asInt());
    }
}
