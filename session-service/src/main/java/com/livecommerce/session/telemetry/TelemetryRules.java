package com.livecommerce.session.telemetry;

import com.livecommerce.session.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When an event of a session is accepted, by its event time and the time it arrives:
 * <ul>
 * <li>SCHEDULED: only RESERVATION;</li>
 * <li>LIVE: any type, with an event time from the start (reservations: any time) up to now plus the allowed clock skew;</li>
 * <li>ENDED: until {@code endedAt + allowedLateness}, events whose time is between start and end, late and out of
 * order; after that, none ("too late").</li>
 * </ul>
 */
public record TelemetryRules(Duration allowedLateness, Duration clockSkew) {

    /** Null when the event may be accepted, else the reason for the rejected line. */
    public String check(SessionWindow session, TelemetryEvent event, Instant now) {
        if (event.type() == TelemetryType.SESSION_CLOSE) {
            return "unknown type 'SESSION_CLOSE'";
        }
        long t = event.timeMillis();
        if (t > now.plus(clockSkew).toEpochMilli()) {
            return "time " + Instant.ofEpochMilli(t) + " is in the future";
        }
        if (session.status() == SessionStatus.SCHEDULED) {
            return event.type() == TelemetryType.RESERVATION ? null : "the session has not started; only RESERVATION is accepted";
        }
        if (session.status() == SessionStatus.ENDED) {
            if (tooLate(session, now)) {
                return "too late: the session ended at " + session.endedAt() + " and the allowed lateness of "
                        + allowedLateness + " is over";
            }
            if (t > session.endedAt().toEpochMilli()) {
                return "time " + Instant.ofEpochMilli(t) + " is after the session ended at " + session.endedAt();
            }
        }
        if (event.type() != TelemetryType.RESERVATION && t < session.startedAt().toEpochMilli()) {
            return "time " + Instant.ofEpochMilli(t) + " is before the session started at " + session.startedAt();
        }
        return null;
    }

    /** True once nothing of this ended session is accepted any more. */
    public boolean tooLate(SessionWindow session, Instant now) {
        return session.status() == SessionStatus.ENDED && now.isAfter(session.endedAt().plus(allowedLateness));
    }
}
