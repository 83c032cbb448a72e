package com.livecommerce.matching.index;

import java.util.UUID;

/**
 * A merchant as the index holds it: what the score reads (kind, category, region, the needs of its latest
 * service request as a bit mask of {@link com.livecommerce.matching.readmodel.Need}) and its stage.
 * {@code registered} is false while only ledger or growth events have arrived (no profile yet).
 */
public record MerchantEntry(UUID id, String name, String kind, String category, String region, String stage, int needs,
        long profileVersion, long stageVersion) {

    public boolean registered() {
        return profileVersion >= 0;
    }
}
