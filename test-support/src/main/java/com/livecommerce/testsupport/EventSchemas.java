package com.livecommerce.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Validates event data against the JSON Schemas the producers keep next to their code
 * ({@code <service>/src/main/resources/events/<topic>/<Type>.schema.json}).
 */
public final class EventSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {
    }

    /** Loads a schema from the test's classpath ({@code events/merchant-events/MerchantRegistered.schema.json}). */
    public static JsonSchema fromClasspath(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath: " + resource);
            }
            return FACTORY.getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads another service's schema from the repository ({@code ../session-service/src/main/resources/...}). */
    public static JsonSchema fromFile(Path file) {
        try {
            return FACTORY.getSchema(MAPPER.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's violations by {@code json}; empty when it conforms. */
    public static List<String> violations(JsonSchema schema, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> messages = schema.validate(node);
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** The {@code examples} a schema documents (consumers test that they accept them). */
    public static List<JsonNode> examples(Path file) {
        try {
            JsonNode examples = MAPPER.readTree(Files.readString(file)).path("examples");
            return examples.isArray() ? List.copyOf((java.util.Collection<JsonNode>) toList(examples)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
