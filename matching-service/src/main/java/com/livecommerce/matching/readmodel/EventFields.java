package com.livecommerce.matching.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.livecommerce.plumbing.events.PoisonMessageException;
import com.livecommerce.plumbing.events.ReceivedEvent;
import java.util.ArrayList;
import java.util.List;

/** Readers for the fields {@link ReceivedEvent} has no typed reader for; bad data is poison (dead-lettered). */
final class EventFields {

    private EventFields() {
    }

    /** A required non-negative integer (an aggregate's {@code version}, a capacity). */
    static long requireLong(ReceivedEvent event, String field) {
        JsonNode node = event.at(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " has no valid '" + field + "' (a non-negative integer)");
        }
        return node.asLong();
    }

    /** A required boolean. */
    static boolean requireBoolean(ReceivedEvent event, String field) {
        JsonNode node = event.at(field);
        if (node == null || !node.isBoolean()) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " has no valid '" + field + "' (true or false)");
        }
        return node.asBoolean();
    }

    /** A required array of strings (may be empty). */
    static List<String> requireStrings(ReceivedEvent event, String field) {
        JsonNode node = event.at(field);
        if (node == null || !node.isArray()) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " has no valid '" + field + "' (an array of strings)");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new PoisonMessageException(event.type() + " " + event.id() + " has a non-text item in '" + field + "'");
            }
            values.add(item.asText());
        }
        return values;
    }

    /** A required value out of {@code allowed}. */
    static String requireOneOf(ReceivedEvent event, String field, List<String> allowed) {
        String value = event.requireText(field);
        if (!allowed.contains(value)) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " has '" + field + "' = '" + value
                    + "', not one of " + allowed);
        }
        return value;
    }
}
