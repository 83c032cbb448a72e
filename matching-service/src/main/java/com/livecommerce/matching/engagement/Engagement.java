package com.livecommerce.matching.engagement;

import com.livecommerce.matching.readmodel.Need;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** An engagement (a contract between a merchant and a provider). Never leaves the service: see {@link EngagementView}. */
@Entity
@Table(name = "engagement")
public class Engagement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "merchant_id")
    public UUID merchantId;

    @Column(name = "provider_id")
    public UUID providerId;

    @Enumerated(EnumType.STRING)
    public EngagementStatus status;

    @Convert(converter = NeedsConverter.class)
    public Set<Need> needs;

    @Column(name = "term_months")
    public int termMonths;

    @Column(name = "kpi_gmv_target")
    public BigDecimal kpiGmvTarget;

    @Column(name = "commission_bps")
    public int commissionBps;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Column(name = "proposed_at")
    public OffsetDateTime proposedAt;

    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;

    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "terminated_at")
    public OffsetDateTime terminatedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "terminated_from")
    public EngagementStatus terminatedFrom;

    @Column(name = "termination_reason")
    public String terminationReason;

    @Column(name = "rating_results")
    public Integer ratingResults;

    @Column(name = "rating_communication")
    public Integer ratingCommunication;

    @Column(name = "rating_professionalism")
    public Integer ratingProfessionalism;

    @Column(name = "gmv_before")
    public BigDecimal gmvBefore;

    @Column(name = "gmv_during")
    public BigDecimal gmvDuring;

    public BigDecimal uplift;

    @Column(name = "kpi_commitment_met")
    public Boolean kpiCommitmentMet;

    public Boolean leap;

    @Column(name = "leap_prior_gmv")
    public BigDecimal leapPriorGmv;

    @Column(name = "leap_trailing_gmv")
    public BigDecimal leapTrailingGmv;

    @Column(name = "band_before")
    public Integer bandBefore;

    @Column(name = "band_after")
    public Integer bandAfter;

    /** The source reference of an engagement imported after the fact ({@code POST /engagements/imports}); null for live ones. */
    @Column(name = "import_reference")
    public String importReference;

    @Version
    public long version;
}
