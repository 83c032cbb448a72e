package com.livecommerce.merchant.servicerequest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A service request on the wire (and the data of the ServiceRequested event). */
public record ServiceRequestView(UUID id, UUID merchantId, Set<Need> needs, BigDecimal monthlyBudget,
        BigDecimal gmvTarget, String notes, String status, OffsetDateTime createdAt) {

    static ServiceRequestView of(ServiceRequest r) {
        return new ServiceRequestView(r.id, r.merchantId, r.needs, r.monthlyBudget, r.gmvTarget, r.notes, r.status, r.createdAt);
    }
}
