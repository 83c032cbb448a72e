package com.livecommerce.session.telemetry;

/**
 * One telemetry event as read from a line: event time in epoch milliseconds, money in fen (exact
 * integers: 899.00 CNY is 89900). Fields a type does not use are null (0 for amounts).
 */
public record TelemetryEvent(TelemetryType type, String eventId, long timeMillis, String viewerId, String orderId,
        String buyerId, boolean newBuyer, String productId, long amountFen, SalesChannel channel) {

    /** The same event at another time (an event within the clock skew of the airtime counts at its edge). */
    public TelemetryEvent at(long millis) {
        return millis == timeMillis ? this
                : new TelemetryEvent(type, eventId, millis, viewerId, orderId, buyerId, newBuyer, productId, amountFen, channel);
    }
}
