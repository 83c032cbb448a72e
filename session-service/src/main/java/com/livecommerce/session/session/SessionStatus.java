package com.livecommerce.session.session;

/** SCHEDULED -> LIVE -> ENDED, or SCHEDULED -> CANCELLED. Anything else is a 409. */
public enum SessionStatus {
    SCHEDULED, LIVE, ENDED, CANCELLED
}
