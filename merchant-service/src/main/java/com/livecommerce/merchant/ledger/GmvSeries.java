package com.livecommerce.merchant.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Answer of {@code GET /merchants/{id}/gmv}: GMV and orders per day or per month, and their totals. */
public record GmvSeries(UUID merchantId, LocalDate from, LocalDate to, String granularity, BigDecimal totalGmv,
        long totalOrders, List<Point> points) {

    /** {@code period} is {@code YYYY-MM-DD} for days, {@code YYYY-MM} for months. */
    public record Point(String period, BigDecimal gmv, long orders) {
    }
}
