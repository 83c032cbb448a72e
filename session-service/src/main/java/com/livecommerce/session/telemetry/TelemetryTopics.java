package com.livecommerce.session.telemetry;

/** The topics of the telemetry path. */
public final class TelemetryTopics {

    /** Raw telemetry, one record per accepted event (an NDJSON line), key = session id. */
    public static final String TELEMETRY = "session-telemetry";

    private TelemetryTopics() {
    }
}
