package com.livecommerce.matching.readmodel;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a merchant asks a provider for; a provider's capabilities use the same codes (merchant-service's
 * service requests, provider-service's capabilities). Sets of needs are kept as bit masks in memory.
 */
public enum Need {
    ACCOUNT_LAUNCH, AD_OPTIMIZATION, PRODUCT_SELECTION, SKU_MANAGEMENT, PRIVATE_DOMAIN, LIVE_OPERATIONS, CONTENT, TEAM_MANAGEMENT;

    /** The bit mask of the known codes among {@code codes}; unknown codes (a later producer's) are left out. */
    public static int mask(Collection<String> codes) {
        int mask = 0;
        for (String code : codes) {
            Need need = parse(code);
            if (need != null) {
                mask |= 1 << need.ordinal();
            }
        }
        return mask;
    }

    public static int mask(Set<Need> needs) {
        int mask = 0;
        for (Need need : needs) {
            mask |= 1 << need.ordinal();
        }
        return mask;
    }

    public static Set<Need> of(int mask) {
        EnumSet<Need> needs = EnumSet.noneOf(Need.class);
        for (Need need : values()) {
            if ((mask & (1 << need.ordinal())) != 0) {
                needs.add(need);
            }
        }
        return needs;
    }

    /** The need with this code, or null when it is not one we know. */
    public static Need parse(String code) {
        if (code == null) {
            return null;
        }
        try {
            return valueOf(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
