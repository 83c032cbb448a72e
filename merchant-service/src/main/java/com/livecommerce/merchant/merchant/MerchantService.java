package com.livecommerce.merchant.merchant;

import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class MerchantService {

    @Inject
    MerchantRepository merchants;

    @Inject
    Outbox outbox;

    @Inject
    MerchantQueries queries;

    @Inject
    UtcClock clock;

    @WithTransaction
    public Uni<MerchantView> register(NewMerchant request) {
        Merchant m = new Merchant();
        m.id = UUID.randomUUID();
        m.name = request.name().trim();
        m.kind = request.kind();
        m.category = request.category();
        m.region = request.region().trim();
        m.followers = request.followers();
        m.trustRights = request.trustRights();
        m.repurchaseRate = request.repurchaseRate();
        m.stage = MerchantStage.NEW;
        m.createdAt = clock.now();
        m.updatedAt = m.createdAt;
        return merchants.persistAndFlush(m)
                .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_REGISTERED, m.id.toString(), MerchantView.of(m)))
                .replaceWith(() -> MerchantView.of(m));
    }

    /** One merchant as clients see it (the hot read path: {@link MerchantQueries#byId}). */
    public Uni<MerchantView> get(UUID id) {
        return queries.byId(id);
    }

    /**
     * The merchant with its row locked until the caller's transaction ends, or a 404 problem. Every
     * write that publishes an event keyed by the merchant takes this lock first, so the merchant's
     * writes are serialised and their outbox rows are in commit order.
     */
    public Uni<Merchant> lock(UUID id) {
        return merchants.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("merchant", id));
    }

    /** The merchant, or a 404 problem. For use inside a caller's session. */
    public Uni<Merchant> require(UUID id) {
        return merchants.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("merchant", id));
    }

    @WithTransaction
    public Uni<MerchantView> patch(UUID id, MerchantPatch patch) {
        return require(id).chain(m -> {
            if (m.version != patch.version()) {
                return Uni.createFrom().failure(ProblemException.versionConflict("merchant", id, patch.version(), m.version));
            }
            if (patch.changesNothing()) {
                return Uni.createFrom().item(MerchantView.of(m));
            }
            if (patch.name() != null) {
                m.name = patch.name().trim();
            }
            if (patch.kind() != null) {
                m.kind = patch.kind();
            }
            if (patch.category() != null) {
                m.category = patch.category();
            }
            if (patch.region() != null) {
                m.region = patch.region().trim();
            }
            if (patch.followers() != null) {
                m.followers = patch.followers();
            }
            if (patch.trustRights() != null) {
                m.trustRights = patch.trustRights();
            }
            if (patch.repurchaseRate() != null) {
                m.repurchaseRate = patch.repurchaseRate();
            }
            m.touch(clock.now());
            // flushing runs the versioned UPDATE now: a concurrent writer makes it fail with 409
            return merchants.flush()
                    .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.MERCHANT_UPDATED, m.id.toString(), MerchantView.of(m)))
                    .replaceWith(() -> MerchantView.of(m));
        });
    }

    @WithSession
    public Uni<Page<MerchantView>> list(MerchantRepository.Filter filter, PageRequest paging) {
        return paging.page(merchants.filtered(filter), MerchantView::of);
    }
}
