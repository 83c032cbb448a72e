package com.livecommerce.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.livecommerce.testsupport.EventSchemas;
import com.livecommerce.testsupport.TopicProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Events of the producers matching consumes, built from the examples their schemas document (so the tests feed
 * what merchant-service and provider-service really publish), and published as those services' relays do.
 */
public final class Events {

    public static final Path MERCHANT_EVENTS = Path.of("../merchant-service/src/main/resources/events/merchant-events");
    public static final Path PROVIDER_EVENTS = Path.of("../provider-service/src/main/resources/events/provider-events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A copy of the first example of {@code dir/type.schema.json}. */
    public static ObjectNode example(Path dir, String type) {
        List<JsonNode> examples = EventSchemas.examples(dir.resolve(type + ".schema.json"));
        if (examples.isEmpty()) {
            throw new AssertionError(type + " documents no example");
        }
        return (ObjectNode) examples.get(0).deepCopy();
    }

    public static void merchantEvent(UUID merchant, String type, String eventId, JsonNode data) {
        TopicProbe.sendCloudEvent(bootstrap(), "merchant-events", merchant.toString(), eventId, type, "/merchant-service", data.toString());
    }

    public static void providerEvent(UUID provider, String type, String eventId, JsonNode data) {
        TopicProbe.sendCloudEvent(bootstrap(), "provider-events", provider.toString(), eventId, type, "/provider-service", data.toString());
    }

    /** MerchantRegistered (version 0) or MerchantUpdated: the example with these values. */
    public static ObjectNode merchant(UUID id, String kind, String category, String region, String stage, long version) {
        ObjectNode m = example(MERCHANT_EVENTS, "MerchantRegistered");
        m.put("id", id.toString()).put("name", "Merchant " + id.toString().substring(0, 8)).put("kind", kind)
                .put("category", category).put("region", region).put("stage", stage).put("version", version);
        return m;
    }

    /** Registers a merchant through merchant-events (MerchantRegistered, version 0). */
    public static void registerMerchant(UUID id, String kind, String category, String region, String stage) {
        merchantEvent(id, "MerchantRegistered", UUID.randomUUID().toString(), merchant(id, kind, category, region, stage, 0));
    }

    /** MerchantGmvRecorded with one entry. */
    public static ObjectNode gmvRecorded(UUID merchant, String date, String gmv, String sourceId, String stage, long version) {
        ObjectNode e = example(MERCHANT_EVENTS, "MerchantGmvRecorded");
        e.put("merchantId", merchant.toString()).put("stage", stage).put("version", version);
        ArrayNode entries = e.putArray("entries");
        entries.addObject().put("date", date).put("gmv", new java.math.BigDecimal(gmv)).put("orders", 1).put("sourceId", sourceId);
        return e;
    }

    public static void gmv(UUID merchant, String date, String gmv, String sourceId, String stage, long version) {
        merchantEvent(merchant, "MerchantGmvRecorded", UUID.randomUUID().toString(), gmvRecorded(merchant, date, gmv, sourceId, stage, version));
    }

    /** ServiceRequested for these needs at {@code createdAt}. */
    public static ObjectNode serviceRequested(UUID request, UUID merchant, String createdAt, String... needs) {
        ObjectNode e = example(MERCHANT_EVENTS, "ServiceRequested");
        e.put("id", request.toString()).put("merchantId", merchant.toString()).put("createdAt", createdAt);
        ArrayNode list = e.putArray("needs");
        for (String need : needs) {
            list.add(need);
        }
        return e;
    }

    public static void requestService(UUID merchant, String createdAt, String... needs) {
        merchantEvent(merchant, "ServiceRequested", UUID.randomUUID().toString(),
                serviceRequested(UUID.randomUUID(), merchant, createdAt, needs));
    }

    /** A provider view (the data of every provider-events type), from ProviderAdmitted's example. */
    public static ObjectNode provider(UUID id, String type, List<String> categories, List<String> regions, List<String> capabilities,
            int capacity, long version) {
        ObjectNode p = example(PROVIDER_EVENTS, "ProviderAdmitted");
        p.put("id", id.toString()).put("name", "Provider " + id.toString().substring(0, 8)).put("type", type)
                .put("capacity", capacity).put("version", version);
        p.set("categories", JSON.valueToTree(categories));
        p.set("regions", JSON.valueToTree(regions));
        p.set("capabilities", JSON.valueToTree(capabilities));
        return p;
    }

    /** Publishes ProviderAdmitted for an admitted provider in good standing. */
    public static void admitProvider(UUID id, String type, List<String> categories, List<String> regions, List<String> capabilities,
            int capacity) {
        providerEvent(id, "ProviderAdmitted", UUID.randomUUID().toString(), provider(id, type, categories, regions, capabilities, capacity, 4));
    }
}
