package com.livecommerce.provider.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Thresholds of strict admission (严准入), per provider type (keys MCN, INDUSTRIAL_BELT, BRAND):
 * {@code provider.admission."MCN".min-certified-operators=3},
 * {@code provider.admission."MCN".min-served-gmv=10000000}. The other rules (at least one
 * category, capacity above 0, no active suspension) hold for every type.
 */
@ConfigMapping(prefix = "provider.admission")
public interface AdmissionRules {

    @WithParentName
    Map<String, TypeRules> types();

    interface TypeRules {
        /** Certified operators (操盘手) the provider must have. */
        @WithDefault("2")
        int minCertifiedOperators();

        /** Declared trailing-12-month GMV of the merchants it served, CNY. */
        @WithDefault("10000000")
        BigDecimal minServedGmv();
    }
}
