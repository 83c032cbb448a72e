package com.livecommerce.provider.provider;

/** MCN provider, industrial-belt provider (产业带服务商), brand provider (品牌服务商). */
public enum ProviderType {
    MCN, INDUSTRIAL_BELT, BRAND
}
