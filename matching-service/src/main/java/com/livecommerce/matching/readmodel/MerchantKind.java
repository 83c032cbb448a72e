package com.livecommerce.matching.readmodel;

/** Kinds of merchant (merchant-service's {@code kind}). */
public enum MerchantKind {
    BRAND, INDUSTRIAL_BELT, CREATOR
}
