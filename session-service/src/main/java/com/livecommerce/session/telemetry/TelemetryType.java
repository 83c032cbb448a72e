package com.livecommerce.session.telemetry;

/** The kinds of telemetry lines; SESSION_CLOSE is the service's own marker (never accepted from a writer). */
public enum TelemetryType {
    VIEWER_ENTER, VIEWER_LEAVE, ORDER_PAID, ORDER_REFUNDED, AD_SPEND, RESERVATION, SESSION_CLOSE
}
