package com.livecommerce.session.session;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The ad budget of a session per channel, in CNY (exact, at most 2 decimals). */
@Schema(name = "AdBudget", requiredProperties = {"PAID_PROMOTION", "FAN_BOOST"}, example = """
        {"PAID_PROMOTION": 1200000.00, "FAN_BOOST": 400000.00}""")
public record AdBudget(
        @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal PAID_PROMOTION,
        @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal FAN_BOOST) {
    // the components are named as the channels (the JSON names), so validation errors name them as the client wrote them

    public BigDecimal of(AdChannel channel) {
        return channel == AdChannel.PAID_PROMOTION ? PAID_PROMOTION : FAN_BOOST;
    }

    public BigDecimal total() {
        return PAID_PROMOTION.add(FAN_BOOST);
    }
}
