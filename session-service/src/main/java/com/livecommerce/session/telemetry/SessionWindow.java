package com.livecommerce.session.telemetry;

import com.livecommerce.session.session.SessionStatus;
import java.time.Instant;
import java.util.UUID;

/** What the telemetry rules need to know of a session: its status and airtime. */
public record SessionWindow(UUID id, SessionStatus status, Instant startedAt, Instant endedAt, int plannedMinutes) {

    /** The record header that tells the aggregation the session's airtime plan: {@code <startedAt epoch ms>/<planned minutes>}. */
    public String header() {
        return startedAt == null ? null : startedAt.toEpochMilli() + "/" + plannedMinutes;
    }
}
