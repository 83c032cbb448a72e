package com.livecommerce.console;

import io.quarkus.qute.TemplateGlobal;
import java.util.List;

/** The values of the services' enums that filters and forms offer (ARCHITECTURE.md), global to every template. */
@TemplateGlobal
public final class Choices {

    private Choices() {
    }

    static final List<String> merchantKinds = List.of("BRAND", "INDUSTRIAL_BELT", "CREATOR");
    static final List<String> merchantStages = List.of("NEW", "GROWING", "STALLED", "DECLINING");
    static final List<String> providerTypes = List.of("MCN", "INDUSTRIAL_BELT", "BRAND");
    static final List<String> providerStatuses = List.of("APPLIED", "ADMITTED", "REJECTED", "SUSPENDED");
    static final List<String> sessionStatuses = List.of("SCHEDULED", "LIVE", "ENDED", "CANCELLED");
    static final List<String> engagementStatuses = List.of("PROPOSED", "ACCEPTED", "ACTIVE", "COMPLETED", "TERMINATED");
    static final List<String> needs = List.of("LIVE_OPERATIONS", "AD_OPTIMIZATION", "PRODUCT_SELECTION", "CONTENT", "ACCOUNT_LAUNCH",
            "SKU_MANAGEMENT", "PRIVATE_DOMAIN", "TEAM_MANAGEMENT");
    static final List<String> ratingDimensions = List.of("results", "communication", "professionalism");
    static final List<Integer> ratings = List.of(5, 4, 3, 2, 1);
}
