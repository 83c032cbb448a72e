package com.livecommerce.provider.operator;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An operator (操盘手) of a provider, with the statistics of the live sessions it ran. */
@Entity
@Table(name = "operator")
public class Operator extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "provider_id")
    public UUID providerId;

    public String name;

    public String specialties;

    public boolean certified;

    @Column(name = "sessions_run")
    public int sessionsRun;

    @Column(name = "session_gmv")
    public BigDecimal sessionGmv;

    @Column(name = "ad_spend")
    public BigDecimal adSpend;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Version
    public long version;
}
