package com.livecommerce.provider.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Data of a provider-events event: the provider after the change, and why (for decisions); the
 * leaderboard {@code period} a suspension proposal or its withdrawal is about.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderEvent(@JsonUnwrapped ProviderView provider, List<String> reasons, Tier previousTier, Badge previousBadge,
        String period) {

    public static ProviderEvent of(Provider p) {
        return of(p, null);
    }

    public static ProviderEvent of(Provider p, List<String> reasons) {
        return new ProviderEvent(ProviderView.of(p), reasons, null, null, null);
    }

    public static ProviderEvent of(Provider p, List<String> reasons, String period) {
        return new ProviderEvent(ProviderView.of(p), reasons, null, null, period);
    }
}
