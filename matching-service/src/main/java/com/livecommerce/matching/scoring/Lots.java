package com.livecommerce.matching.scoring;

import java.util.UUID;

/**
 * Lots for ties: whoever is judged equal is ordered by a draw, never by the order of ids (which would favour the
 * same providers and merchants every time). A draw is seeded by what is being decided (a campaign, the merchant a
 * recommendation is for), so it is reproducible for that decision and different for the next.
 */
public final class Lots {

    private Lots() {
    }

    /** The seed of a decision identified by {@code id}. */
    public static long seed(UUID id) {
        return id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    }

    /** The lot of {@code id} in the draw {@code seed} (SplitMix64 of the two): uniform, unrelated to the id's order. */
    public static long draw(long seed, UUID id) {
        return draw(seed, id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** {@link #draw(long, UUID)} of the id given by its two halves. */
    public static long draw(long seed, long idHigh, long idLow) {
        long z = seed + idHigh * 0x9E3779B97F4A7C15L + idLow;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
