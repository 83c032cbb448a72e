package com.livecommerce.merchant.merchant;

/** 品牌 brand, 产业带商家 industrial-belt merchant, 达人/主播 creator. */
public enum MerchantKind {
    BRAND, INDUSTRIAL_BELT, CREATOR
}
