package com.livecommerce.provider.provider;

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
import java.util.List;
import java.util.UUID;

/** A service provider (服务商). Lists of codes are stored with {@link CodeList}. */
@Entity
@Table(name = "provider")
public class Provider extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public ProviderType type;

    public String categories;

    public String regions;

    public String capabilities;

    public int capacity;

    @Column(name = "declared_served_gmv")
    public BigDecimal declaredServedGmv;

    @Enumerated(EnumType.STRING)
    public AdmissionStatus admission;

    public boolean suspended;

    @Column(name = "suspension_proposed")
    public boolean suspensionProposed;

    @Enumerated(EnumType.STRING)
    public Tier tier;

    @Enumerated(EnumType.STRING)
    public Badge badge;

    @Column(name = "served_gmv_12m")
    public BigDecimal servedGmv12m;

    @Column(name = "merchants_leapt")
    public int merchantsLeapt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public ProviderStatus status() {
        return suspended ? ProviderStatus.SUSPENDED : ProviderStatus.valueOf(admission.name());
    }

    public List<String> categoryList() {
        return CodeList.split(categories);
    }

    /** Admitted and not suspended: may be ranked and matched. */
    public boolean active() {
        return admission == AdmissionStatus.ADMITTED && !suspended;
    }
}
