package com.livecommerce.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.session.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which lines are accepted by their event time and arrival, and at what time they count (the airtime's clock skew). */
class TelemetryRulesTest {

    static final TelemetryRules RULES = new TelemetryRules(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5));
    static final Instant START = Instant.parse("2021-11-25T11:00:00.400Z");
    static final Instant END = START.plusSeconds(3600);

    static TelemetryEvent event(TelemetryType type, Instant time) {
        return new TelemetryEvent(type, "e-1", time.toEpochMilli(), "v-1", null, null, false, null, 0, null);
    }

    static SessionWindow window(SessionStatus status) {
        return new SessionWindow(UUID.randomUUID(), status, status == SessionStatus.SCHEDULED ? null : START,
                status == SessionStatus.ENDED ? END : null, 240, 1);
    }

    @Test
    void aScheduledSessionTakesReservationsOnly() {
        SessionWindow s = window(SessionStatus.SCHEDULED);
        assertNull(RULES.check(s, event(TelemetryType.RESERVATION, START.minusSeconds(3600)), START));
        assertTrue(RULES.check(s, event(TelemetryType.VIEWER_ENTER, START), START).contains("has not started"));
    }

    @Test
    void wholeSecondStampsAtTheEdgesAreAcceptedAndCountedAtTheEdge() {
        SessionWindow live = window(SessionStatus.LIVE);
        TelemetryEvent early = event(TelemetryType.VIEWER_ENTER, Instant.parse("2021-11-25T11:00:00Z"));
        assertNull(RULES.check(live, early, START.plusSeconds(10)));
        assertEquals(START.toEpochMilli(), RULES.countedTime(live, early));
        TelemetryEvent tooEarly = event(TelemetryType.VIEWER_ENTER, START.minusMillis(5001));
        assertTrue(RULES.check(live, tooEarly, START.plusSeconds(10)).contains("by more than the allowed clock skew of PT5S"));
        SessionWindow ended = window(SessionStatus.ENDED);
        TelemetryEvent late = event(TelemetryType.VIEWER_LEAVE, END.plusSeconds(5));
        assertNull(RULES.check(ended, late, END.plusSeconds(60)));
        assertEquals(END.toEpochMilli(), RULES.countedTime(ended, late));
        assertTrue(RULES.check(ended, event(TelemetryType.VIEWER_LEAVE, END.plusMillis(5001)), END.plusSeconds(60)).contains("after the session ended"));
        TelemetryEvent reservation = event(TelemetryType.RESERVATION, START.minusSeconds(7200));
        assertNull(RULES.check(live, reservation, START));
        assertEquals(reservation.timeMillis(), RULES.countedTime(live, reservation), "a reservation keeps its time");
    }

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    /** Property: a line is accepted exactly when its time and arrival fit the session's window, and counts inside the airtime. */
    @ParameterizedTest
    @MethodSource("seeds")
    void acceptedExactlyWhenTheWindowSaysSo(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            SessionStatus status = SessionStatus.values()[r.nextInt(3)];
            SessionWindow s = window(status);
            TelemetryType type = TelemetryType.values()[r.nextInt(6)];
            Instant time = START.plusMillis(r.nextLong(-20_000, 3_640_000));
            Instant now = START.plusMillis(r.nextLong(-20_000, 4_000_000));
            if (status == SessionStatus.LIVE && now.isAfter(END)) {
                now = END;
            }
            TelemetryEvent e = event(type, time);
            boolean future = time.isAfter(now.plusSeconds(30));
            boolean expected = switch (status) {
                case SCHEDULED -> !future && type == TelemetryType.RESERVATION;
                case LIVE -> !future && (type == TelemetryType.RESERVATION || !time.isBefore(START.minusSeconds(5)));
                case ENDED -> !future && !now.isAfter(END.plus(Duration.ofMinutes(5)))
                        && (type == TelemetryType.RESERVATION || !time.isBefore(START.minusSeconds(5)) && !time.isAfter(END.plusSeconds(5)));
                default -> false;
            };
            String reason = RULES.check(s, e, now);
            assertEquals(expected, reason == null, "seed " + seed + ": " + status + " " + type + " at " + time + ", now " + now + ": " + reason);
            if (reason == null && type != TelemetryType.RESERVATION && status != SessionStatus.SCHEDULED) {
                long counted = RULES.countedTime(s, e);
                assertTrue(counted >= START.toEpochMilli() && (status != SessionStatus.ENDED || counted <= END.toEpochMilli()));
            }
        }
    }
}
