package com.livecommerce.plumbing.problem;

/**
 * The stable problem types of the suite. Clients may switch on {@link #uri()}; titles are for people.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "Request body is not valid JSON"),
    INVALID_FIELD(400, "invalid-field", "A field has the wrong type or an unknown value"),
    BAD_REQUEST(400, "bad-request", "Bad request"),
    VALIDATION(422, "validation", "The request is not valid"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was already used for another request"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Resource not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    VERSION_CONFLICT(409, "version-conflict", "The resource was changed by someone else"),
    ILLEGAL_TRANSITION(409, "illegal-transition", "The resource is not in a state that allows this"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service temporarily unavailable");

    private static final String BASE = "urn:livecommerce:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status && t != INVALID_FIELD && t != IDEMPOTENCY_KEY_REUSED && t != MALFORMED_JSON && t != ILLEGAL_TRANSITION && t != VERSION_CONFLICT) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
