package com.livecommerce.merchant.merchant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /merchants/{id}}: the fields to change (absent = unchanged) and the
 * {@code version} the change is based on; a stale version answers 409.
 */
@Schema(example = """
        {"version": 3, "followers": 2000000, "trustRights": true}""")
public record MerchantPatch(
        @NotNull @PositiveOrZero Long version,
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Schema(pattern = "\\S", description = "not blank") String name,
        MerchantKind kind,
        @Size(min = 1, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case category code") String category,
        @Size(min = 1, max = 200) String region,
        @PositiveOrZero Long followers,
        Boolean trustRights,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal repurchaseRate) {

    boolean changesNothing() {
        return name == null && kind == null && category == null && region == null && followers == null
                && trustRights == null && repurchaseRate == null;
    }
}
