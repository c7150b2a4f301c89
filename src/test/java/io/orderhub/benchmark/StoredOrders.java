package io.orderhub.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Grows the hub's store to a number of orders while the hub is stopped, as months of trade would: copies of the
 * orders the benchmark already sent through the hub (their rows in orders, order_revisions, order_history and
 * deliveries, columns as the migrations made them), each copy under its own order id, channel order id, delivery
 * keys and buyer, an hour older per copy and delivered, so every index holds as many entries as a real store of
 * that size, most of it closed.
 */
final class StoredOrders {

    private static final List<String> TABLES = List.of("orders", "order_revisions", "order_history", "deliveries");
    private static final int COPIES_PER_ROUND = 25;

    private final String url;

    StoredOrders(String url) {
        this.url = url;
    }

    /** Adds copies until the store holds at least {@code target} orders; returns how many it holds. */
    long growTo(long target) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement s = db.createStatement()) {
            db.setAutoCommit(false);
            s.execute("CREATE LOCAL TEMPORARY TABLE bench_seed AS SELECT order_id FROM orders"
                    + " WHERE order_id NOT LIKE 'x%' FETCH FIRST 2000 ROWS ONLY");
            long seeds = scalar(s, "SELECT COUNT(*) FROM bench_seed");
            long stored = scalar(s, "SELECT COUNT(*) FROM orders");
            // the copies so far are x1-..., x2-...: go on after the highest
            long next = scalar(s, "SELECT COALESCE(MAX(CAST(SUBSTRING(order_id, 2, LOCATE('-', order_id) - 2)"
                    + " AS BIGINT)), 0) + 1 FROM orders WHERE order_id LIKE 'x%'");
            while (stored < target && seeds > 0) {
                long from = next;
                long copies = Math.min(COPIES_PER_ROUND, (target - stored + seeds - 1) / seeds);
                for (String table : TABLES) {
                    s.executeUpdate(copy(db, table, from, from + copies - 1));
                }
                db.commit();
                stored += copies * seeds;
                next += copies;
            }
            long holds = scalar(s, "SELECT COUNT(*) FROM orders");
            db.commit();
            // closes the database at once, so the hub that starts next finds its file unlocked
            s.execute("SHUTDOWN");
            return holds;
        }
    }

    /** INSERT ... SELECT of the seed orders' rows of a table, once per number of the range, with new keys. */
    private static String copy(Connection db, String table, long from, long to) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase();
                if (table.equals("order_history") && column.equals("id")) {
                    continue; // an identity
                }
                columns.add(column);
                values.add(switch (column) {
                    case "order_id" -> "'x' || r.copy_no || '-' || t.order_id";
                    case "channel_order_id" -> "t.channel_order_id || '-x' || r.copy_no";
                    case "idempotency_key" -> "'x' || r.copy_no || '-' || t.idempotency_key";
                    // a store of months: a copy is older by an hour per copy, long delivered, its buyer another
                    case "created_at", "updated_at", "channel_updated_at", "at" ->
                            "DATEADD(HOUR, -r.copy_no, t." + column + ")";
                    case "status" -> table.equals("orders") ? "'DELIVERED'" : "t.status";
                    case "customer_email" -> "'x' || r.copy_no || '.' || t.customer_email";
                    default -> "t." + column;
                });
            }
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM " + table + " t JOIN bench_seed s ON s.order_id = t.order_id CROSS JOIN SYSTEM_RANGE("
                + from + ", " + to + ") AS r(copy_no)";
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
