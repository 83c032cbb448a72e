package com.livecommerce.provider.provider;

/** Windmaker (造风者计划) GMV tiers, from the served GMV of the trailing 12 months. */
public enum Tier {
    NONE, HUNDRED_MILLION, BILLION
}
