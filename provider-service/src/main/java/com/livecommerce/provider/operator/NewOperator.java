package com.livecommerce.provider.operator;

import com.livecommerce.provider.provider.Capability;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /providers/{id}/operators}: specialties are the need codes. {@code certified}
 * is optional (default false); {@code true} is a platform act: only platform-admin may send it, and
 * then with the {@code evidence} the certification rests on (it goes to the audit trail).
 */
@Schema(example = """
        {"name": "Li Wei", "specialties": ["AD_OPTIMIZATION", "PRODUCT_SELECTION"]}""")
public record NewOperator(@NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 8) List<@NotNull Capability> specialties,
        Boolean certified,
        @Size(max = 2000) String evidence) {

    public boolean certifiedRequested() {
        return Boolean.TRUE.equals(certified);
    }
}
