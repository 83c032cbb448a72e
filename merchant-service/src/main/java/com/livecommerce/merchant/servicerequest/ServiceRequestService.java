package com.livecommerce.merchant.servicerequest;

import com.livecommerce.merchant.merchant.MerchantEvents;
import com.livecommerce.merchant.merchant.MerchantService;
import com.livecommerce.plumbing.outbox.Outbox;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.Page;
import com.livecommerce.plumbing.rest.PageRequest;
import com.livecommerce.plumbing.time.UtcClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.UUID;

@ApplicationScoped
public class ServiceRequestService {

    @Inject
    MerchantService merchants;

    @Inject
    Outbox outbox;

    @Inject
    UtcClock clock;

    @WithTransaction
    public Uni<ServiceRequestView> create(UUID merchantId, NewServiceRequest request) {
        return merchants.lock(merchantId).chain(m -> {
            ServiceRequest r = new ServiceRequest();
            r.id = UUID.randomUUID();
            r.merchantId = merchantId;
            r.needs = EnumSet.copyOf(request.needs());
            r.monthlyBudget = request.monthlyBudget();
            r.gmvTarget = request.gmvTarget();
            r.notes = request.notes();
            r.status = ServiceRequest.OPEN;
            r.createdAt = clock.now();
            ServiceRequestView view = ServiceRequestView.of(r);
            return r.persist()
                    .chain(() -> outbox.publish(MerchantEvents.TOPIC, MerchantEvents.SERVICE_REQUESTED, merchantId.toString(), view))
                    .replaceWith(view);
        });
    }

    @WithSession
    public Uni<Page<ServiceRequestView>> list(UUID merchantId, PageRequest paging) {
        return merchants.require(merchantId).chain(m -> paging.page(
                ServiceRequest.<ServiceRequest>find("merchantId", Sort.descending("createdAt").and("id"), merchantId),
                ServiceRequestView::of));
    }

    @WithSession
    public Uni<ServiceRequestView> get(UUID merchantId, UUID requestId) {
        return ServiceRequest.<ServiceRequest>findById(requestId)
                .map(r -> r == null || !r.merchantId.equals(merchantId) ? null : ServiceRequestView.of(r))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("service request", requestId));
    }
}
