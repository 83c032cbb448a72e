package com.livecommerce.plumbing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.problem.JsonConfiguration;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The typed readers consumers use: what they accept, what they normalise, and how they name a bad field. */
class ReceivedEventTest {

    private static ReceivedEvent event(String json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new JsonConfiguration().customize(mapper); // the suite's JSON dialect, as consumers get it injected
        return new ReceivedEvent("e-1", "SessionEnded", "/session-service", "s", null, mapper.readTree(json));
    }

    @Test
    void textAndUuids() throws Exception {
        UUID id = UUID.randomUUID();
        ReceivedEvent e = event("{\"id\": \"" + id + "\", \"blank\": \" \", \"nested\": {\"id\": \"" + id + "\"}, \"nothing\": null}");
        assertEquals(id, e.requireUuid("id"));
        assertEquals(id, e.requireUuid("nested", "id"));
        assertNull(e.optionalUuid("missing"));
        assertNull(e.optionalUuid("nothing"));
        PoisonMessageException blank = assertThrows(PoisonMessageException.class, () -> e.requireText("blank"));
        assertTrue(blank.getMessage().contains("'blank'"), blank.getMessage());
        PoisonMessageException notUuid = assertThrows(PoisonMessageException.class, () -> e.requireUuid("blank"));
        assertTrue(notUuid.getMessage().contains("SessionEnded e-1"), notUuid.getMessage());
        PoisonMessageException nested = assertThrows(PoisonMessageException.class, () -> e.requireText("nested", "missing"));
        assertTrue(nested.getMessage().contains("'nested.missing'"), nested.getMessage());
    }

    @Test
    void datesAndDateTimesInUtc() throws Exception {
        ReceivedEvent e = event("{\"day\": \"2021-11-25\", \"at\": \"2021-12-01T02:00:00+08:00\", \"bad\": \"2021-13-01\"}");
        assertEquals(LocalDate.of(2021, 11, 25), e.requireDate("day"));
        OffsetDateTime at = e.requireDateTime("at");
        assertEquals(ZoneOffset.UTC, at.getOffset());
        assertEquals(LocalDate.of(2021, 11, 30), at.toLocalDate(), "the UTC day, not the sender's");
        assertThrows(PoisonMessageException.class, () -> e.requireDate("bad"));
        assertThrows(PoisonMessageException.class, () -> e.requireDateTime("day"));
    }

    @Test
    void moneyIsExactNotNegativeAtMostTwoDecimals() throws Exception {
        ReceivedEvent e = event("{\"n\": 20000000.10, \"s\": \"0.30\", \"neg\": -1, \"fine\": 1.123, \"word\": \"ten\", \"z\": null}");
        assertEquals(0, new BigDecimal("20000000.10").compareTo(e.requireMoney("n")));
        assertEquals(0, new BigDecimal("0.30").compareTo(e.requireMoney("s")));
        assertEquals(BigDecimal.ZERO, e.moneyOrZero("absent"));
        assertEquals(BigDecimal.ZERO, e.moneyOrZero("z"));
        assertThrows(PoisonMessageException.class, () -> e.requireMoney("neg"));
        assertThrows(PoisonMessageException.class, () -> e.requireMoney("fine"));
        assertThrows(PoisonMessageException.class, () -> e.requireMoney("word"));
    }

    @Test
    void counts() throws Exception {
        ReceivedEvent e = event("{\"orders\": 160000, \"neg\": -2, \"frac\": 1.5, \"text\": \"3\", \"big\": 99999999999}");
        assertEquals(160000, e.countOr(0, "orders"));
        assertEquals(7, e.countOr(7, "absent"));
        assertThrows(PoisonMessageException.class, () -> e.countOr(0, "neg"));
        assertThrows(PoisonMessageException.class, () -> e.countOr(0, "frac"));
        assertThrows(PoisonMessageException.class, () -> e.countOr(0, "text"));
        assertThrows(PoisonMessageException.class, () -> e.countOr(0, "big"));
    }
}
