package com.livecommerce.provider.operator;

import com.livecommerce.provider.provider.Capability;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /providers/{id}/operators}: specialties are the need codes. */
public record NewOperator(@NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 8) List<@NotNull Capability> specialties,
        @NotNull Boolean certified) {
}
