package com.livecommerce.provider.provider;

/** What clients see: the admission status, or SUSPENDED while a suspension is active. */
public enum ProviderStatus {
    APPLIED, ADMITTED, REJECTED, SUSPENDED
}
