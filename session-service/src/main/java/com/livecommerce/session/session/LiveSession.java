package com.livecommerce.session.session;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A live session (直播场次). Never leaves the service: see {@link SessionView}. */
@Entity
@Table(name = "live_session")
public class LiveSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "merchant_id")
    public UUID merchantId;

    @Column(name = "provider_id")
    public UUID providerId;

    @Column(name = "operator_id")
    public UUID operatorId;

    public String title;

    @Column(name = "scheduled_start")
    public OffsetDateTime scheduledStart;

    @Column(name = "planned_minutes")
    public int plannedMinutes;

    /** Sub-keys of its telemetry (telemetry/SubKeys), fixed when it is scheduled. */
    @Column(name = "telemetry_sub_keys")
    public int telemetrySubKeys = 1;

    @Column(name = "gmv_target")
    public BigDecimal gmvTarget;

    @Column(name = "ad_budget_paid_promotion")
    public BigDecimal adBudgetPaidPromotion;

    @Column(name = "ad_budget_fan_boost")
    public BigDecimal adBudgetFanBoost;

    @Enumerated(EnumType.STRING)
    public SessionStatus status;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "close_requested_at")
    public OffsetDateTime closeRequestedAt;

    @Column(name = "finalized_at")
    public OffsetDateTime finalizedAt;

    @Column(name = "final_gmv")
    public BigDecimal finalGmv;

    @Column(name = "final_kpis")
    @JdbcTypeCode(SqlTypes.JSON)
    public String finalKpis;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public AdBudget adBudget() {
        return new AdBudget(adBudgetPaidPromotion, adBudgetFanBoost);
    }

    /** Marks a change at {@code now} ({@code updatedAt} moves forward), so the version moves once at the next flush. */
    public void touch(OffsetDateTime now) {
        OffsetDateTime at = now.truncatedTo(ChronoUnit.MICROS);
        updatedAt = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt.plus(1, ChronoUnit.MICROS);
    }
}
