package com.livecommerce.provider.admission;

import com.livecommerce.provider.provider.ProviderType;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * At startup, every provider type must have its admission rules configured: a missing type stops the
 * service with a message naming it and the properties to set, instead of a 500 at its first review.
 */
@ApplicationScoped
public class AdmissionRulesCheck {

    void onStart(@Observes StartupEvent event, AdmissionRules rules) {
        validate(rules.types());
    }

    /** Fails with an {@link IllegalStateException} naming every type without rules and every unknown type. */
    public static void validate(Map<String, ?> configured) {
        List<String> missing = Arrays.stream(ProviderType.values()).map(Enum::name).filter(t -> !configured.containsKey(t)).toList();
        List<String> unknown = configured.keySet().stream()
                .filter(t -> Arrays.stream(ProviderType.values()).noneMatch(k -> k.name().equals(t))).sorted().toList();
        if (missing.isEmpty() && unknown.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("strict admission is not configured:");
        if (!missing.isEmpty()) {
            message.append(" no admission rules for provider type(s) ").append(String.join(", ", missing)).append("; set ")
                    .append(missing.stream().map(t -> "provider.admission.\"" + t + "\".min-certified-operators and provider.admission.\""
                            + t + "\".min-served-gmv").collect(Collectors.joining(", ")))
                    .append(" (env PROVIDER_ADMISSION__" + missing.get(0) + "__MIN_CERTIFIED_OPERATORS, ...).");
        }
        if (!unknown.isEmpty()) {
            message.append(" Unknown provider type(s) under provider.admission: ").append(String.join(", ", unknown))
                    .append(" (known: ").append(Arrays.stream(ProviderType.values()).map(Enum::name).collect(Collectors.joining(", ")))
                    .append(").");
        }
        throw new IllegalStateException(message.toString());
    }
}
