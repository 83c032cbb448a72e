package com.livecommerce.session.session;

/** Where a session buys traffic: paid promotion (商业化推广, 磁力金牛) and fan boosts (粉条). */
public enum AdChannel {
    PAID_PROMOTION, FAN_BOOST
}
