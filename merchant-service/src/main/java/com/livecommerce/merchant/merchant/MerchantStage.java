package com.livecommerce.merchant.merchant;

/** Where a merchant's GMV is heading; assessed by {@link com.livecommerce.merchant.growth.StageClassifier}. */
public enum MerchantStage {
    NEW, GROWING, STALLED, DECLINING
}
