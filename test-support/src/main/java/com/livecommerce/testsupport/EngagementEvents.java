package com.livecommerce.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Publishes engagement-events as matching-service documents them: each event is the producer's own example
 * ({@code matching-service/src/main/resources/events/engagement-events/<Type>.schema.json}) for the given
 * engagement, merchant and provider, so a consumer test breaks when the producer's contract moves.
 */
public final class EngagementEvents {

    public static final String TOPIC = "engagement-events";

    private EngagementEvents() {
    }

    /** The example of {@code type} (e.g. EngagementActivated) for these ids, with {@code version} when given. */
    public static String example(String type, UUID engagement, UUID merchant, UUID provider, Long version) {
        List<JsonNode> examples = EventSchemas.examples(schema(type));
        if (examples.isEmpty()) {
            throw new IllegalStateException("matching-service documents no example of " + type);
        }
        ObjectNode event = (ObjectNode) examples.get(0).deepCopy();
        event.put("engagementId", engagement.toString()).put("merchantId", merchant.toString()).put("providerId", provider.toString());
        if (version != null) {
            event.put("version", version);
        }
        return event.toString();
    }

    /** Sends the example of {@code type} for these ids to engagement-events (key = engagement id); returns the event id. */
    public static String send(String bootstrap, String type, UUID engagement, UUID merchant, UUID provider, Long version) {
        String eventId = UUID.randomUUID().toString();
        TopicProbe.sendCloudEvent(bootstrap, TOPIC, engagement.toString(), eventId, type, "/matching-service",
                example(type, engagement, merchant, provider, version));
        return eventId;
    }

    /** The schema file of {@code type}, from the module directory of a service under test. */
    public static Path schema(String type) {
        Path path = Path.of("../matching-service/src/main/resources/events/engagement-events/" + type + ".schema.json");
        if (!Files.exists(path)) {
            throw new IllegalStateException("no schema " + path.toAbsolutePath());
        }
        return path;
    }
}
