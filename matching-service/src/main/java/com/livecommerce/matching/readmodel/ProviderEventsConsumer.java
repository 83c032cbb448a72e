package com.livecommerce.matching.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.matching.index.MatchingIndex;
import com.livecommerce.plumbing.events.IdempotentConsumer;
import com.livecommerce.plumbing.events.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The provider read model, from {@code provider-events} only: every type carries the provider after the
 * change (profile, admission, suspension, capacity, tier and badge, track record: served GMV of the trailing
 * 12 months and merchants that leapt), so the highest {@code version} wins and a stale or repeated event
 * changes nothing. Unknown event types and fields are ignored; malformed data is dead-lettered.
 */
@ApplicationScoped
public class ProviderEventsConsumer {

    static final String CONSUMER = "matching-providers";
    static final Set<String> TYPES = Set.of("ProviderApplied", "ProviderAdmitted", "ProviderRejected", "ProviderSuspended",
            "ProviderReinstated", "ProviderUpdated", "ProviderTierChanged", "ProviderSuspensionProposed",
            "ProviderSuspensionProposalWithdrawn");
    static final List<String> PROVIDER_TYPES = Arrays.stream(ProviderType.values()).map(Enum::name).toList();

    private static final String UPSERT = "insert into provider_view as p (id, name, type, categories, regions, capabilities,"
            + " capacity, status, admission, suspended, tier, badge, served_gmv_12m, merchants_leapt, version)"
            + " values (:id, :name, :type, " + array(":categories") + ", " + array(":regions") + ", " + array(":capabilities") + ","
            + " :capacity, :status, :admission, :suspended, :tier, :badge, :servedGmv, :leapt, :version)"
            + " on conflict (id) do update set name = excluded.name, type = excluded.type, categories = excluded.categories,"
            + " regions = excluded.regions, capabilities = excluded.capabilities, capacity = excluded.capacity,"
            + " status = excluded.status, admission = excluded.admission, suspended = excluded.suspended, tier = excluded.tier,"
            + " badge = excluded.badge, served_gmv_12m = excluded.served_gmv_12m, merchants_leapt = excluded.merchants_leapt,"
            + " version = excluded.version"
            + " where excluded.version > p.version";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    MatchingIndex index;

    @Inject
    ObjectMapper mapper;

    private static String array(String jsonParameter) {
        return "array(select jsonb_array_elements_text(cast(cast(" + jsonParameter + " as text) as jsonb)))";
    }

    @Incoming("provider-events")
    public Uni<Void> onProviderEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply).invoke(index::poke);
    }

    public Uni<Void> apply(ReceivedEvent event) {
        if (!TYPES.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("id", event.requireUuid("id"));
        params.put("name", event.requireText("name"));
        params.put("type", EventFields.requireOneOf(event, "type", PROVIDER_TYPES));
        try {
            params.put("categories", mapper.writeValueAsString(EventFields.requireStrings(event, "categories")));
            params.put("regions", mapper.writeValueAsString(EventFields.requireStrings(event, "regions")));
            params.put("capabilities", mapper.writeValueAsString(EventFields.requireStrings(event, "capabilities")));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        params.put("capacity", (int) Math.min(Integer.MAX_VALUE, EventFields.requireLong(event, "capacity")));
        params.put("status", event.requireText("status"));
        params.put("admission", event.requireText("admission"));
        params.put("suspended", EventFields.requireBoolean(event, "suspended"));
        params.put("tier", event.requireText("tier"));
        params.put("badge", event.requireText("badge"));
        params.put("servedGmv", event.moneyOrZero("servedGmv12m"));
        params.put("leapt", event.countOr(0, "merchantsLeapt"));
        params.put("version", EventFields.requireLong(event, "version"));
        return MerchantEventsConsumer.update(UPSERT, params);
    }
}
