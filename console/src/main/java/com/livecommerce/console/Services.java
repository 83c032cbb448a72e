package com.livecommerce.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The four services as the pages call them, always with the signed-in user's token. No rule of the console's own: the
 * answer, 403 and 404 included, is what the page shows.
 */
@ApplicationScoped
public class Services {

    private static final Logger LOG = Logger.getLogger(Services.class);

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .findAndRegisterModules();

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @Inject
    @RestClient
    Clients.Merchant merchant;
    @Inject
    @RestClient
    Clients.Provider provider;
    @Inject
    @RestClient
    Clients.Session session;
    @Inject
    @RestClient
    Clients.Matching matching;

    ServiceApi api(String service) {
        return switch (service) {
            case "merchant" -> merchant;
            case "provider" -> provider;
            case "session" -> session;
            case "matching" -> matching;
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** GET {@code path} (without the leading slash) with the query parameters that are set. */
    public Result get(String service, String path, Object... query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            if (query[i + 1] != null && !query[i + 1].toString().isBlank()) {
                q.put(query[i].toString(), query[i + 1].toString());
            }
        }
        try (Response r = api(service).get(path, q)) {
            return read(service, r);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            return read(service, e.getResponse());
        } catch (ProcessingException e) {
            return unreachable(service, e);
        }
    }

    public Result post(String service, String path, Object body) {
        try (Response r = api(service).post(path, JSON.valueToTree(body == null ? Map.of() : body))) {
            return read(service, r);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            return read(service, e.getResponse());
        } catch (ProcessingException e) {
            return unreachable(service, e);
        }
    }

    /** A stream: the token is taken now, while the request is active, since the stream is read after the page's method returned. */
    public Multi<String> stream(String service, String path) {
        String token = PropagateAccessToken.current(identity);
        return api(service).stream(path, token == null ? null : "Bearer " + token);
    }

    private static Result read(String service, Response r) {
        Object body = null;
        if (r.hasEntity()) {
            String text = r.readEntity(String.class);
            if (text != null && !text.isBlank()) {
                try {
                    body = JSON.convertValue(JSON.readTree(text), Object.class);
                } catch (Exception e) {
                    body = Map.of("detail", text);
                }
            }
        }
        return new Result(service, r.getStatus(), body);
    }

    private static Result unreachable(String service, Exception e) {
        LOG.warnf("%s-service did not answer: %s", service, e.getMessage());
        return new Result(service, 503, Map.of("title", service + "-service did not answer", "detail", String.valueOf(e.getMessage())));
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }
}
