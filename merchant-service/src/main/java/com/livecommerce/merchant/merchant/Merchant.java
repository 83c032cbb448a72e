package com.livecommerce.merchant.merchant;

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

/** A merchant (商家) selling on the platform. Never leaves the service: see {@link MerchantView}. */
@Entity
@Table(name = "merchant")
public class Merchant extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public MerchantKind kind;

    public String category;

    public String region;

    public long followers;

    @Column(name = "trust_rights")
    public boolean trustRights;

    @Column(name = "repurchase_rate")
    public BigDecimal repurchaseRate;

    @Enumerated(EnumType.STRING)
    public MerchantStage stage;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /**
     * Marks a change at {@code now}: {@code updatedAt} moves forward (by a microsecond if the clock
     * did not), so the entity is dirty and its version moves exactly once at the next flush.
     */
    public void touch(OffsetDateTime now) {
        OffsetDateTime at = now.truncatedTo(ChronoUnit.MICROS);
        updatedAt = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt.plus(1, ChronoUnit.MICROS);
    }
}
