package com.livecommerce.session.telemetry;

import com.livecommerce.session.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When an event of a session is accepted, by its event time and the time it arrives:
 * <ul>
 * <li>SCHEDULED: only RESERVATION;</li>
 * <li>LIVE: any type, with an event time from the start (reservations: any time) up to now plus {@code clockSkew};</li>
 * <li>ENDED: until {@code endedAt + allowedLateness}, events whose time is between start and end, late and out of
 * order; after that, none ("too late").</li>
 * </ul>
 * Feeders' clocks are not the service's, and many stamp whole seconds: an event up to {@code airtimeSkew} before the start
 * (or after the end) is accepted and counted at the start (the end) ({@link #countedTime}).
 */
public record TelemetryRules(Duration allowedLateness, Duration clockSkew, Duration airtimeSkew) {

    /** Null when the event may be accepted, else the reason for the rejected line. */
    public String check(SessionWindow session, TelemetryEvent event, Instant now) {
        return check(session, event.type(), event.timeMillis(), now);
    }

    /** The same, by the event's type and time. */
    public String check(SessionWindow session, TelemetryType type, long t, Instant now) {
        if (type == TelemetryType.SESSION_CLOSE) {
            return "unknown type 'SESSION_CLOSE'";
        }
        if (t > now.plus(clockSkew).toEpochMilli()) {
            return "time " + Instant.ofEpochMilli(t) + " is in the future";
        }
        if (session.status() == SessionStatus.SCHEDULED) {
            return type == TelemetryType.RESERVATION ? null : "the session has not started; only RESERVATION is accepted";
        }
        long skew = airtimeSkew.toMillis();
        if (session.status() == SessionStatus.ENDED) {
            if (tooLate(session, now)) {
                return "too late: the session ended at " + session.endedAt() + " and the allowed lateness of "
                        + allowedLateness + " is over";
            }
            if (type != TelemetryType.RESERVATION && t > session.endedAt().toEpochMilli() + skew) {
                return "time " + Instant.ofEpochMilli(t) + " is after the session ended at " + session.endedAt()
                        + " (by more than the allowed clock skew of " + airtimeSkew + ")";
            }
        }
        if (type != TelemetryType.RESERVATION && t < session.startedAt().toEpochMilli() - skew) {
            return "time " + Instant.ofEpochMilli(t) + " is before the session started at " + session.startedAt()
                    + " (by more than the allowed clock skew of " + airtimeSkew + ")";
        }
        return null;
    }

    /**
     * The time an accepted event counts at: its own, except that an event within the skew before the start counts at the
     * start, and one within the skew after the end at the end (reservations keep theirs: they may come before the start).
     */
    public long countedTime(SessionWindow session, TelemetryEvent event) {
        return countedTime(session, event.type(), event.timeMillis());
    }

    /** The same, by the event's type and time. */
    public long countedTime(SessionWindow session, TelemetryType type, long t) {
        if (type == TelemetryType.RESERVATION || session.startedAt() == null) {
            return t;
        }
        long start = session.startedAt().toEpochMilli();
        if (t < start) {
            return start;
        }
        if (session.endedAt() != null && t > session.endedAt().toEpochMilli()) {
            return session.endedAt().toEpochMilli();
        }
        return t;
    }

    /** True once nothing of this ended session is accepted any more. */
    public boolean tooLate(SessionWindow session, Instant now) {
        return session.status() == SessionStatus.ENDED && now.isAfter(session.endedAt().plus(allowedLateness));
    }
}
