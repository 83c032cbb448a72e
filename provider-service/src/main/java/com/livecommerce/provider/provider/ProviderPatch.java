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

/** Body of {@code PATCH /providers/{id}}: profile fields to change and the {@code version} they are based on. */
public record ProviderPatch(
        @NotNull @PositiveOrZero Long version,
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Schema(pattern = "\\S", description = "not blank") String name,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a lower-case category code") String> categories,
        @Size(max = 20) List<@NotBlank @Size(max = 100) @Pattern(regexp = "[^|]*", message = "must not contain |") String> regions,
        @Size(max = 8) List<@NotNull Capability> capabilities,
        @PositiveOrZero Integer capacity,
        @PositiveOrZero @Digits(integer = 16, fraction = 2) BigDecimal declaredServedGmv) {
}
