package com.livecommerce.provider.provider;

/** What a provider can do for a merchant: the need codes merchants ask for. */
public enum Capability {
    ACCOUNT_LAUNCH, AD_OPTIMIZATION, PRODUCT_SELECTION, SKU_MANAGEMENT, PRIVATE_DOMAIN, LIVE_OPERATIONS, CONTENT, TEAM_MANAGEMENT
}
