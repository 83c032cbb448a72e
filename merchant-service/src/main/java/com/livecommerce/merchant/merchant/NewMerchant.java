package com.livecommerce.merchant.merchant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /merchants}. */
@Schema(example = """
        {"name": "Zhili Kidswear Factory", "kind": "INDUSTRIAL_BELT", "category": "kidswear",
         "region": "Zhili, Huzhou", "followers": 1000000, "trustRights": true}""")
public record NewMerchant(
        @NotBlank @Size(max = 200) String name,
        @NotNull MerchantKind kind,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case category code") String category,
        @NotBlank @Size(max = 200) String region,
        @NotNull @PositiveOrZero Long followers,
        @NotNull Boolean trustRights,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal repurchaseRate) {
}
