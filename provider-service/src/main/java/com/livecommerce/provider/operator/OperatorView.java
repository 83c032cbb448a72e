package com.livecommerce.provider.operator;

import com.livecommerce.provider.provider.CodeList;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

/** An operator and its session statistics: ROI = session GMV / ad spend (null without spend). */
public record OperatorView(UUID id, UUID providerId, String name, List<String> specialties, boolean certified,
        int sessionsRun, BigDecimal sessionGmv, BigDecimal adSpend, BigDecimal roi) {

    static OperatorView of(Operator o) {
        return new OperatorView(o.id, o.providerId, o.name, CodeList.split(o.specialties), o.certified, o.sessionsRun,
                o.sessionGmv, o.adSpend, roi(o.sessionGmv, o.adSpend));
    }

    static BigDecimal roi(BigDecimal gmv, BigDecimal spend) {
        return spend.signum() == 0 ? null : gmv.divide(spend, 4, RoundingMode.HALF_EVEN);
    }
}
