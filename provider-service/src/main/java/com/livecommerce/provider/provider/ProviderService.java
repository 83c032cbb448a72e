package com.livecommerce.provider.provider;

import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProviderService {

    @Inject
    ProviderRepository providers;

    @Inject
    Outbox outbox;

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
        p.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        p.updatedAt = p.createdAt;
        return providers.persistAndFlush(p)
                .chain(() -> publish(p, ProviderEvents.APPLIED, null))
                .replaceWith(() -> ProviderView.of(p));
    }

    /** Records the provider's current state as an event of {@code type}, in the caller's transaction. */
    public Uni<Void> publish(Provider p, String type, List<String> reasons) {
        return outbox.publish(ProviderEvents.TOPIC, type, p.id.toString(), ProviderEvent.of(p, reasons)).replaceWithVoid();
    }

    @WithSession
    public Uni<ProviderView> get(UUID id) {
        return require(id).map(ProviderView::of);
    }

    /** The provider, or a 404 problem; inside the caller's session. */
    public Uni<Provider> require(UUID id) {
        return providers.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("provider", id));
    }

    @WithTransaction
    public Uni<ProviderView> patch(UUID id, ProviderPatch patch) {
        return require(id).chain(p -> {
            if (p.version != patch.version()) {
                return Uni.createFrom().failure(ProblemException.versionConflict("provider", id, patch.version(), p.version));
            }
            if (patch.name() != null) {
                p.name = patch.name().trim();
            }
            if (patch.categories() != null) {
                p.categories = CodeList.join(patch.categories().stream().distinct().toList());
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
            p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return providers.flush()
                    .chain(() -> publish(p, ProviderEvents.UPDATED, null))
                    .replaceWith(() -> ProviderView.of(p));
        });
    }

    @WithSession
    public Uni<Page<ProviderView>> list(ProviderRepository.Filter filter, PageRequest paging) {
        return paging.page(providers.filtered(filter), ProviderView::of);
    }
}
