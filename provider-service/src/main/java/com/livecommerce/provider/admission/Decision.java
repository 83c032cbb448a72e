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

/**
 * One entry of a provider's audit trail. {@code reasons} holds a JSON array. Entries are written only
 * by {@link AuditTrail}; {@code seq} (a database sequence) orders the trail across replicas.
 */
@Entity
@Table(name = "provider_decision")
public class Decision extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DecisionAction")
    public enum Action {
        ADMITTED, REJECTED, SUSPENDED, REINSTATED, APPEALED, APPEAL_GRANTED, APPEAL_DENIED,
        /** Put on probation by a period's leaderboard (bottom of a cohort). */
        PROBATION,
        /** A recompute of the period took the provider off probation. */
        PROBATION_WITHDRAWN,
        /** On probation in two consecutive periods: suspension proposed to platform-admin. */
        SUSPENSION_PROPOSED,
        /** A recompute showed the proposal no longer holds. */
        SUSPENSION_PROPOSAL_WITHDRAWN,
        /** platform-admin certified one of the provider's operators, with the evidence. */
        OPERATOR_CERTIFIED,
        /** A field admission was judged on (declaredServedGmv, categories, capacity) changed: from -> to. */
        ADMISSION_FIELDS_CHANGED
    }

    @Id
    public UUID id;

    /** Trail order, assigned by the database when the entry is written. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "provider_id")
    public UUID providerId;

    @Enumerated(EnumType.STRING)
    public Action action;

    public String reasons;

    public String actor;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
