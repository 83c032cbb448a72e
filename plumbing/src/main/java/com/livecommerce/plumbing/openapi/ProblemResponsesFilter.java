package com.livecommerce.plumbing.openapi;

import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemType;
import com.livecommerce.plumbing.rest.PageRequest;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The error answers of every service, documented once for the whole suite: each operation gets the
 * problem+json responses it can really give, all with the one {@code Problem} schema (the
 * {@link Problem} record), so that a generated client has a model to read any error into.
 * <ul>
 * <li>401, 403 on secured operations; 503 (database unreachable) everywhere;</li>
 * <li>400 and 422 when there is a body or a query parameter; 413 and 415 when there is a body;</li>
 * <li>404 when the path has a parameter; 409 on POST, PUT, PATCH, DELETE.</li>
 * </ul>
 * Responses an operation declares itself with content are kept; the empty ones Quarkus adds
 * (a bare "Bad Request") are replaced. The suite's paging parameters {@code page} and {@code size}
 * (parsed from text by {@link PageRequest} so that bad values answer 422) are documented as the
 * integers they are. Runs at build time only: the served document is the stored one (plus the
 * login scheme of {@link OidcLoginFilter}, per request). A filter at RUNTIME_STARTUP made Quarkus
 * parse and write the whole document again at every start (~70 ms of the main thread).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String FIELD_ERROR_SCHEMA = "FieldError";
    public static final String IDEMPOTENCY_KEY_PARAMETER = "IdempotencyKey";
    /** An operation extension a resource sets on a create that does not answer 201 (a 202), so it takes an Idempotency-Key. */
    public static final String IDEMPOTENT_EXTENSION = "x-idempotency-key";

    /** A standard error answer: its status, component name, description and the problem type it usually carries. */
    enum Answer {
        BAD_REQUEST("400", "BadRequest", "Malformed JSON, a wrong type or an unknown enum value", ProblemType.INVALID_FIELD),
        UNAUTHORIZED("401", "Unauthorized", "No valid bearer token", ProblemType.UNAUTHORIZED),
        FORBIDDEN("403", "Forbidden", "The token's roles or tenant claims do not allow this", ProblemType.FORBIDDEN),
        NOT_FOUND("404", "NotFound", "The resource does not exist (or is not visible to the caller)", ProblemType.NOT_FOUND),
        CONFLICT("409", "Conflict", "A stale `version`, an illegal state transition or a duplicate", ProblemType.VERSION_CONFLICT),
        PAYLOAD_TOO_LARGE("413", "PayloadTooLarge", "The request body is over the size limit", ProblemType.PAYLOAD_TOO_LARGE),
        UNSUPPORTED_MEDIA_TYPE("415", "UnsupportedMediaType", "The request body is not in a media type the operation accepts",
                ProblemType.UNSUPPORTED_MEDIA_TYPE),
        UNPROCESSABLE("422", "ValidationFailed", "Field values break the rules; `errors` names each offending field. On a create:"
                + " also an `Idempotency-Key` already used for another request (type `urn:livecommerce:problem:idempotency-key-reused`)",
                ProblemType.VALIDATION),
        UNAVAILABLE("503", "ServiceUnavailable", "A dependency (the database, or the token issuer while this token's key is"
                + " unknown) is unreachable; nothing was changed, retry after `Retry-After` seconds",
                ProblemType.UNAVAILABLE);

        final String status;
        final String component;
        final String description;
        final ProblemType example;

        Answer(String status, String component, String description, ProblemType example) {
            this.status = status;
            this.component = component;
            this.description = description;
            this.example = example;
        }

        String ref() {
            return "#/components/responses/" + component;
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        Set<Answer> used = new LinkedHashSet<>();
        List<Operation> idempotent = new ArrayList<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().forEach((method, operation) -> {
                typePagingParameters(operation);
                if (create(method, operation)) {
                    idempotent.add(operation);
                }
                for (Answer answer : answersFor(path, item, method, operation, securedByDefault)) {
                    if (declare(operation, answer)) {
                        used.add(answer);
                    }
                }
            });
        });
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (!idempotent.isEmpty()) {
            String ref = "#/components/parameters/" + IDEMPOTENCY_KEY_PARAMETER;
            for (Operation operation : idempotent) {
                if (operation.getParameters() == null || operation.getParameters().stream().noneMatch(p -> ref.equals(p.getRef()))) {
                    operation.addParameter(OASFactory.createParameter().ref(ref));
                }
                if (declare(operation, Answer.UNPROCESSABLE)) {
                    used.add(Answer.UNPROCESSABLE);
                }
            }
            Map<String, Parameter> parameters = components.getParameters() == null ? new TreeMap<>()
                    : new TreeMap<>(components.getParameters());
            parameters.putIfAbsent(IDEMPOTENCY_KEY_PARAMETER, idempotencyKeyParameter());
            components.setParameters(parameters);
        }
        if (used.isEmpty()) {
            return;
        }
        Map<String, Schema> schemas = components.getSchemas() == null ? new TreeMap<>() : new TreeMap<>(components.getSchemas());
        schemas.putIfAbsent(PROBLEM_SCHEMA, problemSchema());
        schemas.putIfAbsent(FIELD_ERROR_SCHEMA, fieldErrorSchema());
        components.setSchemas(schemas);
        Map<String, APIResponse> responses = components.getResponses() == null ? new TreeMap<>() : new TreeMap<>(components.getResponses());
        for (Answer answer : used) {
            responses.putIfAbsent(answer.component, response(answer));
        }
        components.setResponses(responses);
    }

    /**
     * A create: a POST answering 201, or marked with {@value #IDEMPOTENT_EXTENSION} (a create answering 202, like a
     * campaign; the extension is removed). Other 202s (telemetry batches, idempotent by event ids) are no creates.
     */
    static boolean create(PathItem.HttpMethod method, Operation operation) {
        if (method != PathItem.HttpMethod.POST) {
            return false;
        }
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(IDEMPOTENT_EXTENSION)) {
            operation.removeExtension(IDEMPOTENT_EXTENSION);
            return true;
        }
        APIResponses responses = operation.getResponses();
        return responses != null && responses.hasAPIResponse("201");
    }

    static Parameter idempotencyKeyParameter() {
        return OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER).required(false)
                .description("Makes the create safe to retry: within 24 hours the same key with the same request (method, path,"
                        + " body) answers the first answer again (status, `Location`, body; header `Idempotency-Replayed: true`)"
                        + " and creates nothing more; the same key with another request is a 422. Keys are per caller (token"
                        + " subject). A concurrent request with the same key waits for the first one's answer.")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).minLength(1).maxLength(255))
                .example("0b7c6f0e-3f5a-4a39-9d53-0d5e2c1f9a11");
    }

    static List<Answer> answersFor(String path, PathItem item, PathItem.HttpMethod method, Operation operation,
            boolean securedByDefault) {
        boolean body = operation.getRequestBody() != null;
        boolean query = parameters(item, operation).stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
        List<Answer> answers = new ArrayList<>();
        if (body || query) {
            answers.add(Answer.BAD_REQUEST);
        }
        if (secured) {
            answers.add(Answer.UNAUTHORIZED);
            answers.add(Answer.FORBIDDEN);
        }
        if (path.contains("{")) {
            answers.add(Answer.NOT_FOUND);
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE) {
            answers.add(Answer.CONFLICT);
        }
        if (body) {
            answers.add(Answer.PAYLOAD_TOO_LARGE);
            answers.add(Answer.UNSUPPORTED_MEDIA_TYPE);
        }
        if (body || query) {
            answers.add(Answer.UNPROCESSABLE);
        }
        answers.add(Answer.UNAVAILABLE);
        return answers;
    }

    /** Adds the reference unless the operation documents this status with content itself; true when the reference is used. */
    private static boolean declare(Operation operation, Answer answer) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        APIResponse existing = responses.getAPIResponse(answer.status);
        if (existing != null && (existing.getRef() != null || existing.getContent() != null)) {
            return answer.ref().equals(existing.getRef());
        }
        responses.addAPIResponse(answer.status, OASFactory.createAPIResponse().ref(answer.ref()));
        return true;
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    /** {@code page} and {@code size} query parameters are Strings in Java on purpose; on the wire they are integers. */
    private static void typePagingParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() != Parameter.In.QUERY || p.getSchema() == null || !isPlainString(p.getSchema())) {
                continue;
            }
            if ("page".equals(p.getName())) {
                p.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(1_000_000)).defaultValue(0));
                if (p.getDescription() == null) {
                    p.setDescription("Page number, from 0");
                }
            } else if ("size".equals(p.getName())) {
                p.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageRequest.MAX_SIZE))
                        .defaultValue(PageRequest.DEFAULT_SIZE));
                if (p.getDescription() == null) {
                    p.setDescription("Page size");
                }
            }
        }
    }

    private static boolean isPlainString(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getType().equals(List.of(SchemaType.STRING))
                && schema.getFormat() == null && schema.getEnumeration() == null;
    }

    private static APIResponse response(Answer answer) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", answer.example.uri());
        example.put("title", answer.example.title());
        example.put("status", answer.example.status());
        example.put("detail", exampleDetail(answer));
        if (answer == Answer.UNPROCESSABLE || answer == Answer.BAD_REQUEST) {
            example.put("errors", List.of(Map.of("field", answer == Answer.BAD_REQUEST ? "kind" : "name",
                    "message", answer == Answer.BAD_REQUEST ? "unknown value 'FACTORY', expected one of [...]" : "must not be blank")));
        }
        APIResponse response = OASFactory.createAPIResponse().description(answer.description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))
                        .addExample(answer.example.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                                OASFactory.createExample().value(example))));
        if (answer == Answer.UNAUTHORIZED) {
            response.addHeader("WWW-Authenticate", OASFactory.createHeader().description("`Bearer`")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
        }
        if (answer == Answer.UNAVAILABLE) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")));
        }
        return response;
    }

    private static String exampleDetail(Answer answer) {
        return switch (answer) {
            case BAD_REQUEST -> "kind: unknown value 'FACTORY', expected one of [...]";
            case UNAUTHORIZED -> "a valid bearer token is required";
            case FORBIDDEN -> "your token does not grant access to this resource";
            case NOT_FOUND -> "merchant 5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10 does not exist";
            case CONFLICT -> "merchant 5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10 is at version 4, the request was based on version 3;"
                    + " read it again and retry";
            case PAYLOAD_TOO_LARGE -> "the request body exceeds 1048576 bytes";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type";
            case UNPROCESSABLE -> "1 field(s) are not valid";
            case UNAVAILABLE -> "the database cannot be reached; nothing was changed, retry later";
        };
    }

    /** The {@link Problem} record as a schema (RFC 9457). */
    static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail (`application/problem+json`): the body of every error answer")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("Stable URI of the kind of problem; clients may switch on it")
                        .addExample(ProblemType.VERSION_CONFLICT.uri()))
                .addProperty("title", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("Short human summary of the kind of problem")
                        .addExample(ProblemType.VERSION_CONFLICT.title()))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code").addExample(409))
                .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("What went wrong in this occurrence"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The offending fields, for validation problems")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR_SCHEMA)))
                .required(List.of("type", "title", "status"));
    }

    static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One offending field of a request and why it was refused")
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("JSON path of the field, like `entries[2].gmv`, or the query parameter")
                        .addExample("entries[2].gmv"))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING)
                        .addExample("must be greater than or equal to 0"))
                .required(List.of("field", "message"));
    }
}
