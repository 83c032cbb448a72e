package com.livecommerce.provider.admission;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a provider's audit trail. {@code reasons} holds a JSON array. */
@Entity
@Table(name = "provider_decision")
public class Decision extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DecisionAction")
    public enum Action {
        ADMITTED, REJECTED, SUSPENDED, REINSTATED, APPEALED, APPEAL_GRANTED, APPEAL_DENIED, PROBATION, SUSPENSION_PROPOSED
    }

    @Id
    public UUID id;

    @Column(name = "provider_id")
    public UUID providerId;

    @Enumerated(EnumType.STRING)
    public Action action;

    public String reasons;

    public String actor;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
