package com.livecommerce.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Names for the ids that lists and boards carry, asked of the services with the user's token within one request (the
 * console keeps nothing): what the user may not read stays a short id.
 */
@RequestScoped
@jakarta.inject.Named("names")
public class Names {

    @Inject
    Services services;

    private final Map<String, String> merchants = new HashMap<>();
    private final Map<String, String> providers = new HashMap<>();
    private boolean merchantsListed;
    private boolean providersListed;

    public String merchant(Object id) {
        String key = String.valueOf(id);
        if (!merchantsListed) {
            merchantsListed = true;
            listAll("merchant", "merchants", merchants);
        }
        return merchants.computeIfAbsent(key, k -> {
            Result r = services.get("merchant", "merchants/" + k);
            return r.ok() ? String.valueOf(r.get("name")) : Format.shortId(k);
        });
    }

    public String provider(Object id) {
        String key = String.valueOf(id);
        if (!providersListed) {
            providersListed = true;
            listAll("provider", "providers", providers);
        }
        return providers.computeIfAbsent(key, k -> {
            Result r = services.get("provider", "providers/" + k);
            if (!r.ok()) {
                r = services.get("matching", "read-models/providers/" + k);
            }
            return r.ok() && r.get("name") != null ? String.valueOf(r.get("name")) : Format.shortId(k);
        });
    }

    private void listAll(String service, String path, Map<String, String> into) {
        for (int page = 0; page < 10; page++) {
            Result r = services.get(service, path, "page", page, "size", 100);
            if (!r.ok()) {
                return;
            }
            for (Object item : r.items()) {
                if (item instanceof Map<?, ?> m) {
                    into.put(String.valueOf(m.get("id")), String.valueOf(m.get("name")));
                }
            }
            if (r.items().size() < 100) {
                return;
            }
        }
    }
}
