package com.livecommerce.merchant.servicerequest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service request on the wire (and the data of the ServiceRequested event). */
@Schema(name = "ServiceRequest", requiredProperties = {"id", "merchantId", "needs", "monthlyBudget", "gmvTarget", "status",
        "createdAt"})
public record ServiceRequestView(UUID id, UUID merchantId, Set<Need> needs, BigDecimal monthlyBudget,
        BigDecimal gmvTarget, @Schema(nullable = true) String notes,
        @Schema(enumeration = {ServiceRequest.OPEN}) String status, OffsetDateTime createdAt) {

    static ServiceRequestView of(ServiceRequest r) {
        return new ServiceRequestView(r.id, r.merchantId, r.needs, r.monthlyBudget, r.gmvTarget, r.notes, r.status, r.createdAt);
    }
}
