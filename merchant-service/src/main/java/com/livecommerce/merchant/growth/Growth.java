package com.livecommerce.merchant.growth;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The growth arithmetic of the suite, exact: {@code growthRate = later / earlier - 1} (6 decimals,
 * null when earlier is 0); a merchant is active when it has GMV in either period, and stalled
 * when it is active and {@code later <= earlier}.
 */
public final class Growth {

    public static final int RATE_SCALE = 6;
    public static final int SHARE_SCALE = 4;

    private Growth() {
    }

    public static BigDecimal rate(BigDecimal earlier, BigDecimal later) {
        if (earlier.signum() == 0) {
            return null;
        }
        return later.divide(earlier, RATE_SCALE + 4, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE)
                .setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    public static boolean active(BigDecimal earlier, BigDecimal later) {
        return earlier.signum() > 0 || later.signum() > 0;
    }

    public static boolean stalled(BigDecimal earlier, BigDecimal later) {
        return active(earlier, later) && later.compareTo(earlier) <= 0;
    }

    /** stalled / active, 4 decimals (0.2885 for 28.85%); 0 when nobody is active. */
    public static BigDecimal share(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(SHARE_SCALE);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SHARE_SCALE, RoundingMode.HALF_UP);
    }
}
