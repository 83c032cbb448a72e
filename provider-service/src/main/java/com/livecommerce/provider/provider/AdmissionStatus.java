package com.livecommerce.provider.provider;

/** Strict admission (严准入): an application is reviewed once into ADMITTED or REJECTED. */
public enum AdmissionStatus {
    APPLIED, ADMITTED, REJECTED
}
