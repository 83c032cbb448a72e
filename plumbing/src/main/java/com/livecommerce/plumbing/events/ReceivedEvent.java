package com.livecommerce.plumbing.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;

/**
 * A CloudEvent as a consumer sees it: the attributes from the {@code ce_*} headers and the JSON data.
 * Consumers read the fields they need from {@link #data()} and ignore the rest (unknown fields are fine).
 */
public record ReceivedEvent(String id, String type, String source, String subject, ZonedDateTime time, JsonNode data) {

    /** A required text field of the data, or a {@link PoisonMessageException} naming it. */
    public String requireText(String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw new PoisonMessageException(type + " " + id + " has no '" + field + "'");
        }
        return node.asText();
    }
}
