package com.livecommerce.session.telemetry;

/** The traffic source an order is attributed to, and (except ORGANIC) where ad money is spent. */
public enum SalesChannel {
    PAID_PROMOTION, FAN_BOOST, ORGANIC
}
