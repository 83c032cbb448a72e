package com.livecommerce.provider.provider;

/** The {@code provider-events} topic and its types. Schemas: {@code src/main/resources/events/provider-events/}. */
public final class ProviderEvents {

    public static final String TOPIC = "provider-events";

    public static final String APPLIED = "ProviderApplied";
    public static final String ADMITTED = "ProviderAdmitted";
    public static final String REJECTED = "ProviderRejected";
    public static final String SUSPENDED = "ProviderSuspended";
    public static final String REINSTATED = "ProviderReinstated";
    public static final String UPDATED = "ProviderUpdated";
    public static final String TIER_CHANGED = "ProviderTierChanged";
    /** On probation in two consecutive leaderboard periods: suspension proposed to platform-admin. */
    public static final String SUSPENSION_PROPOSED = "ProviderSuspensionProposed";
    /** A recomputed leaderboard showed a suspension proposal no longer holds. */
    public static final String SUSPENSION_PROPOSAL_WITHDRAWN = "ProviderSuspensionProposalWithdrawn";

    private ProviderEvents() {
    }
}
