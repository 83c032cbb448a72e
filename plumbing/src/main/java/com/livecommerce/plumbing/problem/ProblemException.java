package com.livecommerce.plumbing.problem;

import java.util.List;

/**
 * A failure that services throw on purpose; rendered as the matching problem+json answer.
 * Use the factories so the same situation always gets the same problem type.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Problem toProblem() {
        return Problem.of(type, getMessage(), errors);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    /** The client sent {@code version} {@code sent} but the stored aggregate is at {@code current}. */
    public static ProblemException versionConflict(String what, Object id, long sent, long current) {
        return new ProblemException(ProblemType.VERSION_CONFLICT,
                what + " " + id + " is at version " + current + ", the request was based on version " + sent
                        + "; read it again and retry");
    }

    public static ProblemException illegalTransition(String what, Object id, Object from, String action) {
        return new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                "cannot " + action + " " + what + " " + id + " while it is " + from);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /**
     * A value that cannot be read as its type (a query parameter that is not a number, a date or one of
     * an enum's values): 400, as the same mistake in a body is.
     */
    public static ProblemException wrongType(String field, String message) {
        return new ProblemException(ProblemType.INVALID_FIELD, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
