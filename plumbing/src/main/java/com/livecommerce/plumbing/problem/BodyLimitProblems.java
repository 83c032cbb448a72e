package com.livecommerce.plumbing.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Oversized bodies ({@code quarkus.http.limits.max-body-size}) are refused by Vert.x before any
 * resource runs, with an empty 413. This answers them with a problem+json body instead: at once
 * when {@code Content-Length} already says too much, and for chunked bodies when the limit is hit.
 * <p>
 * Per-endpoint limits: a service whose hot path takes large bodies (session-service's NDJSON telemetry)
 * sets {@code quarkus.http.limits.max-body-size} to that endpoint's limit, names its paths in
 * {@code suite.http.large-body-paths} (regular expressions matched against the whole path), and keeps
 * every other path at {@code suite.http.body-limit} (e.g. 1M). Unset, every path has Quarkus' limit.
 * A chunked body (no {@code Content-Length}) to a path with the smaller limit is read by a body handler
 * bounded by that limit before the resource sees it.
 */
@ApplicationScoped
public class BodyLimitProblems {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    @ConfigProperty(name = "suite.http.body-limit")
    Optional<MemorySize> bodyLimit;

    @ConfigProperty(name = "suite.http.large-body-paths")
    Optional<List<String>> largeBodyPaths;

    @Inject
    ObjectMapper mapper;

    private List<Pattern> largePaths = List.of();
    private BodyHandler boundedBodies;

    void install(@Observes Router router) {
        largePaths = largeBodyPaths.orElse(List.of()).stream().map(Pattern::compile).toList();
        long smaller = smallerLimit();
        if (smaller < maxBodySize.asLongValue()) {
            boundedBodies = BodyHandler.create(false).setBodyLimit(smaller);
        }
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long limit = limitFor(ctx.normalizedPath());
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && tooLarge(length, limit)) {
                ctx.response().putHeader("Connection", "close");
                reply(ctx, limit);
                return;
            }
            if (length == null && boundedBodies != null && limit < maxBodySize.asLongValue()
                    && ctx.request().headers().contains("Transfer-Encoding")) {
                boundedBodies.handle(ctx); // reads the body up to the smaller limit, then ctx.next(); over it: fail(413)
                return;
            }
            ctx.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                reply(ctx, limitFor(ctx.normalizedPath()));
            } else {
                ctx.next();
            }
        });
    }

    /** The body limit of a request path: Quarkus' own for the large-body paths, {@code suite.http.body-limit} for the rest. */
    public long limitFor(String path) {
        for (Pattern p : largePaths) {
            if (p.matcher(path).matches()) {
                return maxBodySize.asLongValue();
            }
        }
        return smallerLimit();
    }

    private long smallerLimit() {
        return Math.min(maxBodySize.asLongValue(), bodyLimit.map(MemorySize::asLongValue).orElse(maxBodySize.asLongValue()));
    }

    private static boolean tooLarge(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void reply(RoutingContext ctx, long limit) {
        Problem problem = Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds " + limit + " bytes");
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413}";
        }
        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }
}
