package com.livecommerce.provider.provider;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /providers}. Categories may be empty here: admission rejects a provider
 * without one, with that reason (the application itself is kept).
 */
@Schema(example = """
        {"name": "Zhili Belt Services", "type": "INDUSTRIAL_BELT", "categories": ["kidswear"], "regions": ["Zhili, Huzhou"],
         "capabilities": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "capacity": 20, "declaredServedGmv": 150000000.00}""")
public record ProviderApplication(
        @NotBlank @Size(max = 200) String name,
        @NotNull ProviderType type,
        @NotNull @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case category code") String> categories,
        @NotNull @Size(max = 20) List<@NotBlank @Size(max = 100) @Pattern(regexp = "[^|]*", message = "must not contain |") String> regions,
        @NotNull @Size(max = 8) List<@NotNull Capability> capabilities,
        @NotNull @PositiveOrZero Integer capacity,
        @NotNull @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal declaredServedGmv) {
}
