package com.livecommerce.merchant.servicerequest;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /merchants/{id}/service-requests}. */
@Schema(example = """
        {"needs": ["AD_OPTIMIZATION", "LIVE_OPERATIONS"], "monthlyBudget": 300000.00, "gmvTarget": 2300000,
         "notes": "double-11 push for the kids' line"}""")
public record NewServiceRequest(
        @NotNull @NotEmpty Set<@NotNull Need> needs,
        @NotNull @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal monthlyBudget,
        @NotNull @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal gmvTarget,
        @Size(max = 2000) String notes) {
}
