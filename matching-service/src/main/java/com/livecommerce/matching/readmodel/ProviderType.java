package com.livecommerce.matching.readmodel;

/** Types of service provider (provider-service's {@code type}). */
public enum ProviderType {
    MCN, INDUSTRIAL_BELT, BRAND
}
