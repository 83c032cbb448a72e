package com.livecommerce.session.telemetry;

import com.livecommerce.session.session.SessionStatus;
import java.time.Instant;
import java.util.UUID;

/** What the telemetry path needs to know of a session: its status, airtime and sub-keys. */
public record SessionWindow(UUID id, SessionStatus status, Instant startedAt, Instant endedAt, int plannedMinutes, int subKeys) {

    /** The start in epoch milliseconds, 0 before it started. */
    public long startedAtMs() {
        return startedAt == null ? 0 : startedAt.toEpochMilli();
    }
}
