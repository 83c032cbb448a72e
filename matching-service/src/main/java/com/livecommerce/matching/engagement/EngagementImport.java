package com.livecommerce.matching.engagement;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The audit of one import (who imported which engagement, when, from which source reference). See {@link EngagementImportView}. */
@Entity
@Table(name = "engagement_import")
public class EngagementImport extends PanacheEntityBase {

    @Id
    @Column(name = "source_reference")
    public String sourceReference;

    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "merchant_id")
    public UUID merchantId;

    @Column(name = "provider_id")
    public UUID providerId;

    @Column(name = "served_from")
    public LocalDate servedFrom;

    @Column(name = "served_to")
    public LocalDate servedTo;

    public String fingerprint;

    @Column(name = "reported_gmv_before")
    public BigDecimal reportedGmvBefore;

    @Column(name = "reported_gmv_during")
    public BigDecimal reportedGmvDuring;

    @Column(name = "reported_leap")
    public Boolean reportedLeap;

    @Column(name = "imported_by")
    public String importedBy;

    @Column(name = "imported_at")
    public OffsetDateTime importedAt;
}
