package com.livecommerce.provider.admission;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider type without admission rules stops the service at startup with a message saying what to set. */
class AdmissionRulesCheckTest {

    @Test
    void everyTypeConfiguredPasses() {
        assertDoesNotThrow(() -> AdmissionRulesCheck.validate(Map.of("MCN", 1, "INDUSTRIAL_BELT", 2, "BRAND", 3)));
    }

    @Test
    void aMissingTypeIsNamedWithThePropertiesToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdmissionRulesCheck.validate(Map.of("MCN", 1, "INDUSTRIAL_BELT", 2)));
        assertTrue(e.getMessage().contains("no admission rules for provider type(s) BRAND"), e.getMessage());
        assertTrue(e.getMessage().contains("provider.admission.\"BRAND\".min-certified-operators"), e.getMessage());
        assertTrue(e.getMessage().contains("provider.admission.\"BRAND\".min-served-gmv"), e.getMessage());
        assertTrue(!e.getMessage().contains("\"MCN\""), e.getMessage());
    }

    @Test
    void everyMissingTypeAndEveryUnknownOneIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AdmissionRulesCheck.validate(Map.of("MNC", 1)));
        assertTrue(e.getMessage().contains("MCN, INDUSTRIAL_BELT, BRAND"), e.getMessage());
        assertTrue(e.getMessage().contains("Unknown provider type(s) under provider.admission: MNC"), e.getMessage());
    }
}
