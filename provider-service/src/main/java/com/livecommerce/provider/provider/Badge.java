package com.livecommerce.provider.provider;

/** Windmaker incubation badges: merchants the provider lifted to a higher GMV level (leaps credited). */
public enum Badge {
    NONE, INCUBATOR_20, INCUBATOR_50
}
