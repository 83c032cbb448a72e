package com.livecommerce.provider.operator;

import com.livecommerce.provider.provider.CodeList;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator and its session statistics: ROI = session GMV / ad spend (null without spend). */
@Schema(name = "Operator", requiredProperties = {"id", "providerId", "name", "specialties", "certified", "sessionsRun",
        "sessionGmv", "adSpend"})
public record OperatorView(UUID id, UUID providerId, String name,
        @Schema(type = SchemaType.ARRAY, implementation = com.livecommerce.provider.provider.Capability.class) List<String> specialties,
        boolean certified, int sessionsRun, BigDecimal sessionGmv, BigDecimal adSpend,
        @Schema(nullable = true, description = "session GMV / ad spend (4 decimals); null without spend") BigDecimal roi) {

    static OperatorView of(Operator o) {
        return new OperatorView(o.id, o.providerId, o.name, CodeList.split(o.specialties), o.certified, o.sessionsRun,
                o.sessionGmv, o.adSpend, roi(o.sessionGmv, o.adSpend));
    }

    static BigDecimal roi(BigDecimal gmv, BigDecimal spend) {
        return spend.signum() == 0 ? null : gmv.divide(spend, 4, RoundingMode.HALF_EVEN);
    }
}
