package com.livecommerce.session.telemetry;

/** The kinds of telemetry lines; SESSION_CLOSE is the service's own marker (never accepted from a writer). */
public enum TelemetryType {
    VIEWER_ENTER, VIEWER_LEAVE, ORDER_PAID, ORDER_REFUNDED, AD_SPEND, RESERVATION, SESSION_CLOSE;

    /** The type named {@code name}, or null (on the hot path: no exception, no map lookup for the usual names). */
    public static TelemetryType of(String name) {
        return switch (name) {
            case "VIEWER_ENTER" -> VIEWER_ENTER;
            case "VIEWER_LEAVE" -> VIEWER_LEAVE;
            case "ORDER_PAID" -> ORDER_PAID;
            case "ORDER_REFUNDED" -> ORDER_REFUNDED;
            case "AD_SPEND" -> AD_SPEND;
            case "RESERVATION" -> RESERVATION;
            case "SESSION_CLOSE" -> SESSION_CLOSE;
            default -> null;
        };
    }
}
