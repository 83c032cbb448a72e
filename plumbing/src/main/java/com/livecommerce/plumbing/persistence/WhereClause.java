package com.livecommerce.plumbing.persistence;

import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;

/** Builds a Panache where clause from optional filters: a filter whose value is null is left out. */
public final class WhereClause {

    private final List<String> clauses = new ArrayList<>();
    private final Parameters params = new Parameters();

    /** Adds {@code clause} (naming {@code :name}) when {@code value} is not null. */
    public WhereClause and(String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.and(name, value);
        }
        return this;
    }

    /** Adds a clause without parameters when {@code condition} holds. */
    public WhereClause andIf(boolean condition, String clause) {
        if (condition) {
            clauses.add(clause);
        }
        return this;
    }

    public String query() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    public Parameters params() {
        return params;
    }
}
