package com.livecommerce.plumbing.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of the suite
 * ({@code application/problem+json}).
 *
 * @param type   stable URI identifying the kind of problem (see {@link ProblemType})
 * @param title  short human summary of the kind of problem
 * @param status HTTP status code
 * @param detail what went wrong in this occurrence
 * @param errors the offending fields, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: a JSON path like {@code entries[2].gmv} and why it was refused. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null);
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, errors == null || errors.isEmpty() ? null : errors);
    }
}
