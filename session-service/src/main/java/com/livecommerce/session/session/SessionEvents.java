package com.livecommerce.session.session;

/** The {@code session-events} topic and its types. Schemas: {@code src/main/resources/events/session-events/}. */
public final class SessionEvents {

    public static final String TOPIC = "session-events";

    public static final String SESSION_SCHEDULED = "SessionScheduled";
    public static final String SESSION_STARTED = "SessionStarted";
    public static final String SESSION_CANCELLED = "SessionCancelled";
    public static final String SESSION_ENDED = "SessionEnded";

    private SessionEvents() {
    }
}
