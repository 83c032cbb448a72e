package com.livecommerce.matching.index;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

/**
 * A provider as the index holds it (immutable; replaced on every change). {@code capabilities} is a bit mask of
 * {@link com.livecommerce.matching.readmodel.Need}. In good standing = admitted and not suspended. {@code trackRecord} and
 * {@code tierPoints}: the provider's own score components (ten-thousandths), computed once per change.
 */
public record ProviderEntry(UUID id, String name, String type, Set<String> categories, Set<String> regions, int capabilities,
        int capacity, boolean inGoodStanding, String tier, String badge, BigDecimal servedGmv12m, int merchantsLeapt,
        long version, int trackRecord, int tierPoints) {
}
