package com.livecommerce.matching.engagement;

/**
 * PROPOSED -> ACCEPTED (the merchant) -> ACTIVE (the provider) -> COMPLETED (the merchant rates); any open state
 * -> TERMINATED (with a reason). Capacity is held while ACCEPTED or ACTIVE.
 */
public enum EngagementStatus {
    PROPOSED, ACCEPTED, ACTIVE, COMPLETED, TERMINATED;

    public boolean open() {
        return this == PROPOSED || this == ACCEPTED || this == ACTIVE;
    }

    public boolean holdsCapacity() {
        return this == ACCEPTED || this == ACTIVE;
    }
}
