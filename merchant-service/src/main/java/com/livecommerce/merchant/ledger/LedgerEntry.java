package com.livecommerce.merchant.ledger;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One GMV ledger entry; {@code sourceId} identifies it: the same source id is recorded once. */
public record LedgerEntry(
        @NotNull LocalDate date,
        @NotNull @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal gmv,
        @NotNull @PositiveOrZero Integer orders,
        @NotBlank @Size(max = 200) String sourceId) {
}
