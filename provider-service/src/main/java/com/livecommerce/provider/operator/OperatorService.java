package com.livecommerce.provider.operator;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.provider.provider.CodeList;
import com.livecommerce.provider.provider.ProviderService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

@ApplicationScoped
public class OperatorService {

    @Inject
    ProviderService providers;

    @WithTransaction
    public Uni<OperatorView> add(UUID providerId, NewOperator request) {
        return providers.require(providerId).chain(p -> {
            Operator o = new Operator();
            o.id = UUID.randomUUID();
            o.providerId = providerId;
            o.name = request.name().trim();
            o.specialties = CodeList.join(request.specialties().stream().distinct().map(Enum::name).toList());
            o.certified = request.certified();
            o.sessionGmv = BigDecimal.ZERO.setScale(2);
            o.adSpend = BigDecimal.ZERO.setScale(2);
            o.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return o.persist().replaceWith(() -> OperatorView.of(o));
        });
    }

    @WithSession
    public Uni<Page<OperatorView>> list(UUID providerId, PageRequest paging) {
        return providers.require(providerId).chain(p -> paging.page(
                Operator.<Operator>find("providerId", Sort.by("createdAt").and("id"), providerId), OperatorView::of));
    }

    @WithSession
    public Uni<OperatorView> get(UUID providerId, UUID operatorId) {
        return Operator.<Operator>findById(operatorId)
                .map(o -> o == null || !o.providerId.equals(providerId) ? null : OperatorView.of(o))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("operator", operatorId));
    }

    /** Certified operators of a provider, for admission; inside the caller's session. */
    public Uni<Long> certifiedCount(UUID providerId) {
        return Operator.count("providerId = ?1 and certified = true", providerId);
    }
}
