package com.livecommerce.matching.scoring;

/**
 * The score's arithmetic, exact and fast: each component is an integer in ten-thousandths (0..10,000 is 0..1),
 * each weight an integer in hundredths, and the score their weighted sum in millionths (a {@code long}). What is
 * compared (rankings, the campaign's objective) is never a floating-point number.
 */
public record Score(int[] weights, int typeMismatchFit) {

    public static final int ONE = 10_000;
    public static final int COMPONENTS = 7;
    public static final int CATEGORY_FIT = 0;
    public static final int TYPE_FIT = 1;
    public static final int REGION_FIT = 2;
    public static final int NEED_COVERAGE = 3;
    public static final int TRACK_RECORD = 4;
    public static final int CAPACITY_HEADROOM = 5;
    public static final int TIER = 6;

    /** {@code numerator / denominator} in ten-thousandths, rounded half up; 0 when the denominator is 0. */
    public static int ratio(long numerator, long denominator) {
        if (denominator <= 0) {
            return 0;
        }
        return (int) ((numerator * ONE * 2 + denominator) / (denominator * 2));
    }

    /** The weighted sum, in millionths. */
    public long total(int[] components) {
        long sum = 0;
        for (int i = 0; i < COMPONENTS; i++) {
            sum += (long) weights[i] * components[i];
        }
        return sum;
    }

    /** Industrial-belt merchants to industrial-belt providers, brands to brand providers, creators to MCN providers. */
    public static boolean onTheEcosystemLine(String merchantKind, String providerType) {
        if (merchantKind == null || providerType == null) {
            return false;
        }
        return switch (merchantKind) {
            case "INDUSTRIAL_BELT" -> providerType.equals("INDUSTRIAL_BELT");
            case "BRAND" -> providerType.equals("BRAND");
            case "CREATOR" -> providerType.equals("MCN");
            default -> false;
        };
    }

    public int typeFit(String merchantKind, String providerType) {
        return onTheEcosystemLine(merchantKind, providerType) ? ONE : typeMismatchFit;
    }

    /** Share of the merchant's needs the provider's capabilities cover; 0 when the merchant asked for nothing. */
    public static int needCoverage(int needs, int capabilities) {
        int asked = Integer.bitCount(needs);
        return ratio(Integer.bitCount(needs & capabilities), asked);
    }

    /** Capacity left over capacity. */
    public static int headroom(int remaining, int capacity) {
        return ratio(Math.max(0, remaining), capacity);
    }
}
