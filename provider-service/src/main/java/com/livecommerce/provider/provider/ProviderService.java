package com.livecommerce.provider.provider;

import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.provider.admission.AuditTrail;
import com.livecommerce.provider.admission.Decision;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Providers: the one writer of the provider aggregate (entity + flush, so the version moves, and the outbox). */
@ApplicationScoped
public class ProviderService {

    @Inject
    ProviderRepository providers;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    UtcClock clock;

    @WithTransaction
    public Uni<ProviderView> apply(ProviderApplication application) {
        Provider p = new Provider();
        p.id = UUID.randomUUID();
        p.name = application.name().trim();
        p.type = application.type();
        p.categories = CodeList.join(application.categories().stream().distinct().toList());
        p.regions = CodeList.join(application.regions().stream().map(String::trim).distinct().toList());
        p.capabilities = CodeList.join(application.capabilities().stream().distinct().map(Enum::name).toList());
        p.capacity = application.capacity();
        p.declaredServedGmv = application.declaredServedGmv();
        p.admission = AdmissionStatus.APPLIED;
        p.tier = Tier.NONE;
        p.badge = Badge.NONE;
        p.servedGmv12m = BigDecimal.ZERO.setScale(2);
        p.createdAt = clock.now();
        p.updatedAt = p.createdAt;
        return providers.persistAndFlush(p)
                .chain(() -> publish(p, ProviderEvents.APPLIED, null))
                .replaceWith(() -> ProviderView.of(p));
    }

    /** Records the provider's current state as an event of {@code type}, in the caller's transaction. */
    public Uni<Void> publish(Provider p, String type, List<String> reasons) {
        return publishEvent(p, type, ProviderEvent.of(p, reasons));
    }

    /** Records {@code event} about {@code p}, in the caller's transaction. */
    public Uni<Void> publishEvent(Provider p, String type, ProviderEvent event) {
        return outbox.publish(ProviderEvents.TOPIC, type, p.id.toString(), event).replaceWithVoid();
    }

    @WithSession
    public Uni<ProviderView> get(UUID id) {
        return require(id).map(ProviderView::of);
    }

    /** The provider, or a 404 problem; inside the caller's session. */
    public Uni<Provider> require(UUID id) {
        return providers.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("provider", id));
    }

    /**
     * Changes a provider's profile. While the provider is APPLIED or ADMITTED, the fields its admission
     * was judged on ({@code declaredServedGmv}, {@code categories}, {@code capacity}) may only be changed
     * by platform-admin: the provider itself gets a 403 naming each such field it tried to change
     * (sending the current value is no change). Every change of those fields is audited
     * (ADMISSION_FIELDS_CHANGED, "field: from -> to").
     */
    @WithTransaction
    public Uni<ProviderView> patch(UUID id, ProviderPatch patch, String actor, boolean platformAdmin) {
        return require(id).chain(p -> {
            if (p.version != patch.version()) {
                return Uni.createFrom().failure(ProblemException.versionConflict("provider", id, patch.version(), p.version));
            }
            String categories = patch.categories() == null ? null : CodeList.join(patch.categories().stream().distinct().toList());
            List<String> changes = new ArrayList<>();
            List<Problem.FieldError> locked = new ArrayList<>();
            if (patch.declaredServedGmv() != null && patch.declaredServedGmv().compareTo(p.declaredServedGmv) != 0) {
                changes.add("declaredServedGmv: " + p.declaredServedGmv.toPlainString() + " -> " + patch.declaredServedGmv().toPlainString());
                locked.add(new Problem.FieldError("declaredServedGmv", "admission was judged on it"));
            }
            if (categories != null && !categories.equals(p.categories)) {
                changes.add("categories: " + CodeList.split(p.categories) + " -> " + CodeList.split(categories));
                locked.add(new Problem.FieldError("categories", "admission was judged on them"));
            }
            if (patch.capacity() != null && patch.capacity() != p.capacity) {
                changes.add("capacity: " + p.capacity + " -> " + patch.capacity());
                locked.add(new Problem.FieldError("capacity", "admission was judged on it"));
            }
            if (!locked.isEmpty() && !platformAdmin && p.admission != AdmissionStatus.REJECTED) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN, "provider " + id + " is "
                        + p.admission + ": the fields its admission was judged on can only be changed by platform-admin", locked));
            }
            if (patch.name() != null) {
                p.name = patch.name().trim();
            }
            if (categories != null) {
                p.categories = categories;
            }
            if (patch.regions() != null) {
                p.regions = CodeList.join(patch.regions().stream().map(String::trim).distinct().toList());
            }
            if (patch.capabilities() != null) {
                p.capabilities = CodeList.join(patch.capabilities().stream().distinct().map(Enum::name).toList());
            }
            if (patch.capacity() != null) {
                p.capacity = patch.capacity();
            }
            if (patch.declaredServedGmv() != null) {
                p.declaredServedGmv = patch.declaredServedGmv();
            }
            p.updatedAt = clock.now();
            Uni<?> audited = changes.isEmpty() ? Uni.createFrom().voidItem()
                    : audit.record(id, Decision.Action.ADMISSION_FIELDS_CHANGED, changes, actor);
            return audited.chain(() -> providers.flush())
                    .chain(() -> publish(p, ProviderEvents.UPDATED, null))
                    .replaceWith(() -> ProviderView.of(p));
        });
    }

    @WithSession
    public Uni<Page<ProviderView>> list(ProviderRepository.Filter filter, PageRequest paging) {
        return paging.page(providers.filtered(filter), ProviderView::of);
    }
}
