package com.livecommerce.provider.admission;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A provider's appeal against one rejection or suspension decision (one appeal per decision). */
@Entity
@Table(name = "appeal")
public class Appeal extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AppealAgainst")
    public enum Against {
        REJECTION, SUSPENSION
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AppealStatus")
    public enum Status {
        PENDING, GRANTED, DENIED
    }

    @Id
    public UUID id;

    @Column(name = "provider_id")
    public UUID providerId;

    @Column(name = "decision_id")
    public UUID decisionId;

    @Enumerated(EnumType.STRING)
    public Against against;

    public String reason;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Version
    public long version;
}
