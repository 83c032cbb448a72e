package com.livecommerce.plumbing.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.livecommerce.plumbing.security.BearerTokens;
import com.livecommerce.plumbing.security.IssuerOutage;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hibernate.HibernateException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into an {@code application/problem+json} answer. Bad input
 * always gets a 4xx with the offending fields; only our own bugs give a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return response(e.toProblem());
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return response(Problem.of(ProblemType.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage()));
    }

    /**
     * Wrong types, unknown enum values, wrong shapes. Listed one by one because Quarkus REST has
     * built-in mappers for some of these subtypes that would otherwise win (they answer plain JSON).
     */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class,
            ValueInstantiationException.class, InvalidTypeIdException.class, InvalidNullException.class})
    public Response mapping(JsonMappingException e) {
        return response(fromJackson(e));
    }

    @ServerExceptionMapper(StreamReadException.class)
    public Response unreadable(StreamReadException e) {
        return response(Problem.of(ProblemType.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldPath(v), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return response(Problem.of(ProblemType.VALIDATION, errors.size() + " field(s) are not valid", errors));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(Problem.of(ProblemType.FORBIDDEN, "your token does not grant access to this resource"));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpHeaders headers) {
        if (IssuerOutage.unreachable(e) && BearerTokens.wellFormed(headers.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return issuerUnavailable(e);
        }
        return unauthorized();
    }

    /**
     * The OIDC tenant could not be set up (the issuer was down when the service started and still is): a token that is
     * not even a well-formed JWT is a 401 whatever the issuer says; any other cannot be checked yet: 503.
     */
    @ServerExceptionMapper
    public Response oidc(OIDCException e, HttpHeaders headers) {
        if (!BearerTokens.wellFormed(headers.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return unauthorized();
        }
        return issuerUnavailable(e);
    }

    static Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(ProblemType.UNAUTHORIZED, "a valid bearer token is required")).build();
    }

    static Response issuerUnavailable(Throwable e) {
        LOG.warnf("token issuer unreachable: %s", IssuerOutage.describe(e));
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", String.valueOf(IssuerOutage.RETRY_AFTER_SECONDS))
                .entity(Problem.of(ProblemType.UNAVAILABLE,
                        "the token issuer cannot be reached to verify this token's signing key; retry later")).build();
    }

    @ServerExceptionMapper({StaleStateException.class, jakarta.persistence.OptimisticLockException.class})
    public Response stale(RuntimeException e) {
        return response(Problem.of(ProblemType.VERSION_CONFLICT, "the resource was changed concurrently; read it again and retry"));
    }

    @ServerExceptionMapper
    public Response hibernate(HibernateException e) {
        Response mapped = fromCauses(e);
        return mapped != null ? mapped : internal(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response mapped = fromCauses(e.getCause());
        if (mapped != null) {
            return mapped;
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? type.title() : e.getMessage();
        return response(Problem.of(type, detail));
    }

    @ServerExceptionMapper({ClosedConnectionException.class, java.net.ConnectException.class, java.net.SocketException.class})
    public Response unreachable(Exception e) {
        Response mapped = fromCauses(e);
        return mapped != null ? mapped : internal(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Response mapped = fromCauses(e);
        return mapped != null ? mapped : internal(e);
    }

    private Response internal(Throwable e) {
        LOG.error("request failed unexpectedly", e);
        return response(Problem.of(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged"));
    }

    /** Looks through wrapped causes for a failure we know how to explain, or null. */
    private Response fromCauses(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException p) {
                return problem(p);
            }
            if (t instanceof OIDCException) {
                return issuerUnavailable(t);
            }
            if (t instanceof JsonParseException p) {
                return malformed(p);
            }
            if (t instanceof JsonMappingException m) {
                return mapping(m);
            }
            if (t instanceof JsonProcessingException p) {
                return response(Problem.of(ProblemType.MALFORMED_JSON, "the body is not valid JSON: " + p.getOriginalMessage()));
            }
            if (t instanceof StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return stale((RuntimeException) t);
            }
            if (t instanceof ClosedConnectionException || t instanceof java.net.ConnectException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                LOG.warnf("database unreachable: %s", t.getMessage());
                return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                        .entity(Problem.of(ProblemType.UNAVAILABLE, "the database cannot be reached; nothing was changed, retry later")).build();
            }
            if (connectionLost(t)) {
                // a pooled connection cut under the request (reset, or the server ended the backend: SQLSTATE 57P01-57P03, 08xxx):
                // whether a commit in flight landed is not known here, so no "nothing was changed"; a retry with the same
                // Idempotency-Key / sourceId is safe
                LOG.warnf("database connection lost: %s", t.getMessage());
                return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "2")
                        .entity(Problem.of(ProblemType.UNAVAILABLE, "the connection to the database was lost; retry later")).build();
            }
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return response(Problem.of(ProblemType.CONFLICT, "a resource with the same unique key already exists"));
            }
        }
        return null;
    }

    /**
     * A connection to the database lost during the request: a socket reset, the server ending the session, or the
     * reactive client finding its pooled connection already closed when it writes ({@code Connection is not active now,
     * current status: CLOSED}, a stackless Vert.x throwable).
     */
    static boolean connectionLost(Throwable t) {
        if (t instanceof java.net.SocketException) {
            return true;
        }
        if (t.getMessage() != null && t.getMessage().startsWith("Connection is not active now")) {
            return true;
        }
        if (t instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("57P") || state.startsWith("08");
        }
        return false;
    }

    static Problem fromJackson(JsonMappingException e) {
        String field = jsonPath(e.getPath());
        String message;
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "unknown value '" + f.getValue() + "', expected one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            message = "'" + f.getValue() + "' is not a valid " + describe(f.getTargetType());
        } else {
            message = e.getOriginalMessage();
            int cut = message == null ? -1 : message.indexOf(" at [Source");
            if (cut > 0) {
                message = message.substring(0, cut);
            }
        }
        if (field.isEmpty()) {
            return Problem.of(ProblemType.INVALID_FIELD, "the body does not have the expected shape: " + message);
        }
        return Problem.of(ProblemType.INVALID_FIELD, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        return type.getSimpleName();
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * The field a violation is about, as the client wrote it: a JSON path into the body
     * ({@code name}, {@code [2].gmv}, {@code needs[0]}) or the name of the query, path or header
     * parameter ({@code period}), or {@code $} for the body as a whole; never a Java method or parameter name (Bean Validation puts
     * {@code patch(arg0).arg1.name}-like paths in front of a body's fields).
     */
    static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder sb = new StringBuilder();
        Path.MethodNode method = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> {
                    method = node.getKind() == ElementKind.METHOD ? node.as(Path.MethodNode.class) : null;
                    continue;
                }
                case PARAMETER -> {
                    sb.setLength(0);
                    sb.append(parameterName(violation.getRootBeanClass(), method, node.as(Path.ParameterNode.class)));
                    continue;
                }
                case CROSS_PARAMETER, RETURN_VALUE, CONTAINER_ELEMENT -> {
                    if (node.getIndex() != null) {
                        sb.append('[').append(node.getIndex()).append(']');
                    } else if (node.getKey() != null) {
                        sb.append('[').append(node.getKey()).append(']');
                    }
                    continue;
                }
                default -> {
                }
            }
            if (node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                sb.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.isEmpty() ? "$" : sb.toString(); // "$": the body as a whole (an empty list, say)
    }

    /** The HTTP name of a resource method's parameter; empty for the body (its fields are the path). */
    private static String parameterName(Class<?> resource, Path.MethodNode method, Path.ParameterNode parameter) {
        if (method == null) {
            return "";
        }
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        // CDI may have generated a subclass whose override carries no annotations: look up the hierarchy
        for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
            Method declared;
            try {
                declared = c.getDeclaredMethod(method.getName(), types);
            } catch (NoSuchMethodException e) {
                continue;
            }
            for (Annotation a : declared.getParameterAnnotations()[parameter.getParameterIndex()]) {
                String name = a instanceof jakarta.ws.rs.QueryParam q ? q.value()
                        : a instanceof jakarta.ws.rs.PathParam q ? q.value()
                        : a instanceof jakarta.ws.rs.HeaderParam q ? q.value()
                        : a instanceof jakarta.ws.rs.FormParam q ? q.value()
                        : a instanceof jakarta.ws.rs.CookieParam q ? q.value()
                        : a instanceof jakarta.ws.rs.MatrixParam q ? q.value()
                        : null;
                if (name != null) {
                    return name;
                }
            }
        }
        return "";
    }
}
