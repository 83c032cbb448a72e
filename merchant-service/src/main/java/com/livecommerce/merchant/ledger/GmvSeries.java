package com.livecommerce.merchant.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /merchants/{id}/gmv}: GMV and orders per day or per month, and their totals. */
@Schema(requiredProperties = {"merchantId", "from", "to", "granularity", "totalGmv", "totalOrders", "points"})
public record GmvSeries(UUID merchantId, LocalDate from, LocalDate to,
        @Schema(enumeration = {"day", "month"}) String granularity, BigDecimal totalGmv, long totalOrders, List<Point> points) {

    /** {@code period} is {@code YYYY-MM-DD} for days, {@code YYYY-MM} for months. */
    @Schema(name = "GmvPoint", requiredProperties = {"period", "gmv", "orders"})
    public record Point(String period, BigDecimal gmv, long orders) {
    }
}
