package com.livecommerce.merchant.servicerequest;

/** What a merchant asks a service provider for (the provider's capabilities use the same codes). */
public enum Need {
    ACCOUNT_LAUNCH, AD_OPTIMIZATION, PRODUCT_SELECTION, SKU_MANAGEMENT, PRIVATE_DOMAIN, LIVE_OPERATIONS, CONTENT, TEAM_MANAGEMENT
}
