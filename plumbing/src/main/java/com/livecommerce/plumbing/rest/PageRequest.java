package com.livecommerce.plumbing.rest;

import com.livecommerce.plumbing.problem.Problem;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.problem.ProblemType;
import java.util.ArrayList;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * {@code page} (from 0) and {@code size} (1..{@value #MAX_SIZE}) query parameters, parsed from text
 * so that {@code ?size=abc} is a 400 naming the field (not a number, as in a body) and
 * {@code ?size=1000} a 422 (out of range), never a 404 or a 500.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static PageRequest of(String page, String size) {
        List<Problem.FieldError> wrongType = new ArrayList<>();
        List<Problem.FieldError> outOfRange = new ArrayList<>();
        int p = parse("page", page, 0, 0, 1_000_000, wrongType, outOfRange);
        int s = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, wrongType, outOfRange);
        if (!wrongType.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_FIELD, "paging parameters must be integers", wrongType);
        }
        if (!outOfRange.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "invalid paging parameters", outOfRange);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }

    /** Runs a Panache query for this page (its total, then its rows) and maps each row to its view. */
    public <E, V> Uni<Page<V>> page(PanacheQuery<E> query, Function<E, V> view) {
        return query.count().chain(total -> query.range(offset(), offset() + size - 1).list()
                .map(rows -> page(rows.stream().map(view).toList(), total)));
    }

    private static int parse(String field, String raw, int fallback, int min, int max, List<Problem.FieldError> wrongType,
            List<Problem.FieldError> outOfRange) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                outOfRange.add(new Problem.FieldError(field, "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            wrongType.add(new Problem.FieldError(field, "'" + raw + "' is not an integer"));
            return fallback;
        }
    }
}
