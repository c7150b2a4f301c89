package io.orderhub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A WHERE clause of optional filters: a null value means "any", so list calls need no string juggling. */
public final class Where {

    private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> args = new ArrayList<>();

    public Where eq(String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** Any of the columns equal to any of the values (one search term in several identifiers); none: any row. */
    public Where anyEq(List<String> columns, List<?> values) {
        if (!values.isEmpty()) {
            List<String> terms = new ArrayList<>();
            for (String column : columns) {
                for (Object value : values) {
                    terms.add(column + " = ?");
                    args.add(value);
                }
            }
            sql.append(" AND (").append(String.join(" OR ", terms)).append(')');
        }
        return this;
    }

    /** The column holding the text, case-insensitively, when a text is given (LIKE's wildcards taken literally). */
    public Where contains(String column, String text) {
        if (text != null && !text.isBlank()) {
            sql.append(" AND LOWER(").append(column).append(") LIKE ? ESCAPE '!'");
            args.add("%" + text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        return this;
    }

    /** {@code column >= value}, when a value is given. */
    public Where atLeast(String column, Object value) {
        return compare(column, ">=", value);
    }

    /** {@code column < value}, when a value is given. */
    public Where before(String column, Object value) {
        return compare(column, "<", value);
    }

    private Where compare(String column, String operator, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(' ').append(operator).append(" ?");
            args.add(value);
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    public Object[] args() {
        return args.toArray();
    }

    /** The arguments followed by LIMIT and OFFSET for a page. */
    Object[] pageArgs(int page, int size) {
        List<Object> all = new ArrayList<>(args);
        all.add(size);
        all.add((long) page * size);
        return all.toArray();
    }
}
