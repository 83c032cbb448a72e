package com.livecommerce.merchant.merchant;

/**
 * The {@code merchant-events} topic and its event types. Schemas: {@code src/main/resources/events/merchant-events/}.
 */
public final class MerchantEvents {

    public static final String TOPIC = "merchant-events";

    public static final String MERCHANT_REGISTERED = "MerchantRegistered";
    public static final String MERCHANT_UPDATED = "MerchantUpdated";
    public static final String MERCHANT_GMV_RECORDED = "MerchantGmvRecorded";
    public static final String MERCHANT_GROWTH_ASSESSED = "MerchantGrowthAssessed";
    public static final String SERVICE_REQUESTED = "ServiceRequested";

    private MerchantEvents() {
    }
}
