package com.livecommerce.session.kpi;

import java.nio.ByteBuffer;

/**
 * A session's additive totals, in exact integers (money in fen, watch times in milliseconds relative to the session's
 * start): what a {@link PartialDelta} adds and what a {@link MergedSession} holds. One layout on the wire for both.
 */
class SessionTotals {

    static final int CHANNELS = 3; // SalesChannel order
    static final int BYTES = 8 * (8 + 2 * CHANNELS + 7);

    long events;            // distinct events applied
    long duplicates;        // events whose eventId (or paid order) was seen before
    long uv;                // distinct viewers
    long buyers;            // distinct buyers (of paid orders)
    long newBuyers;         // distinct buyers flagged new on any of their paid orders
    long reservations;      // distinct reserving viewers
    long orders;            // distinct paid orders
    long gmvFen;            // paid minus refunded
    final long[] gmvByChannelFen = new long[CHANNELS];
    final long[] spendByChannelFen = new long[CHANNELS];
    long enters;
    long leaves;
    long enterSumMs;        // sum of (enter time - start)
    long leaveSumMs;        // sum of (leave time - start)
    long maxEventMs;        // latest event time (absolute)
    long windowGmvFen;      // GMV of orders paid in the first 20% of the planned airtime (net of their refunds)
    long windowSpendFen;    // ad spend in that window

    /** Adds another's totals (the latest event time is the later one). */
    void add(SessionTotals o) {
        events += o.events;
        duplicates += o.duplicates;
        uv += o.uv;
        buyers += o.buyers;
        newBuyers += o.newBuyers;
        reservations += o.reservations;
        orders += o.orders;
        gmvFen += o.gmvFen;
        for (int i = 0; i < CHANNELS; i++) {
            gmvByChannelFen[i] += o.gmvByChannelFen[i];
            spendByChannelFen[i] += o.spendByChannelFen[i];
        }
        enters += o.enters;
        leaves += o.leaves;
        enterSumMs += o.enterSumMs;
        leaveSumMs += o.leaveSumMs;
        maxEventMs = Math.max(maxEventMs, o.maxEventMs);
        windowGmvFen += o.windowGmvFen;
        windowSpendFen += o.windowSpendFen;
    }

    void writeTotals(ByteBuffer b) {
        b.putLong(events).putLong(duplicates).putLong(uv).putLong(buyers).putLong(newBuyers).putLong(reservations).putLong(orders)
                .putLong(gmvFen);
        for (long v : gmvByChannelFen) {
            b.putLong(v);
        }
        for (long v : spendByChannelFen) {
            b.putLong(v);
        }
        b.putLong(enters).putLong(leaves).putLong(enterSumMs).putLong(leaveSumMs).putLong(maxEventMs).putLong(windowGmvFen)
                .putLong(windowSpendFen);
    }

    void readTotals(ByteBuffer b) {
        events = b.getLong();
        duplicates = b.getLong();
        uv = b.getLong();
        buyers = b.getLong();
        newBuyers = b.getLong();
        reservations = b.getLong();
        orders = b.getLong();
        gmvFen = b.getLong();
        for (int i = 0; i < CHANNELS; i++) {
            gmvByChannelFen[i] = b.getLong();
        }
        for (int i = 0; i < CHANNELS; i++) {
            spendByChannelFen[i] = b.getLong();
        }
        enters = b.getLong();
        leaves = b.getLong();
        enterSumMs = b.getLong();
        leaveSumMs = b.getLong();
        maxEventMs = b.getLong();
        windowGmvFen = b.getLong();
        windowSpendFen = b.getLong();
    }
}
