package io.orderhub.store;

import java.util.ArrayList;
import java.util.List;

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
