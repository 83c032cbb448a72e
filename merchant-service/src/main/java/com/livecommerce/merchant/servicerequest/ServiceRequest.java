package com.livecommerce.merchant.servicerequest;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A merchant's request for a service provider: what it needs, its monthly budget and its GMV target. */
@Entity
@Table(name = "service_request")
public class ServiceRequest extends PanacheEntityBase {

    public static final String OPEN = "OPEN";

    @Id
    public UUID id;

    @Column(name = "merchant_id")
    public UUID merchantId;

    @Convert(converter = NeedsConverter.class)
    public Set<Need> needs;

    @Column(name = "monthly_budget")
    public BigDecimal monthlyBudget;

    @Column(name = "gmv_target")
    public BigDecimal gmvTarget;

    public String notes;

    public String status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Version
    public long version;
}
