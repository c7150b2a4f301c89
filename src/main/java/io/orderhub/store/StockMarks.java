package io.orderhub.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Marks master SKUs whose available-to-promise may have moved, in the caller's transaction (V12__stock_marks.sql):
 * the channels are told from these marks, so a crash after the commit still tells them. A SKU marked again moves
 * to the end (a new seq); SKUs are marked in order, so two transactions never wait on each other's marks.
 */
public final class StockMarks {

    private StockMarks() {
    }

    public static void mark(JdbcTemplate jdbc, Collection<String> skus, OffsetDateTime at) {
        for (String sku : new TreeSet<>(skus.stream().filter(Objects::nonNull).toList())) {
            jdbc.update("DELETE FROM stock_marks WHERE sku = ?", sku);
            jdbc.update("INSERT INTO stock_marks (sku, marked_at) VALUES (?, ?)", sku, at);
        }
    }

    /** The marks after {@code seq}, oldest first: what a publisher has not pushed yet. */
    public static List<Mark> after(JdbcTemplate jdbc, long seq, int limit) {
        return jdbc.query("SELECT sku, seq, marked_at FROM stock_marks WHERE seq > ? ORDER BY seq LIMIT ?",
                (rs, i) -> new Mark(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class)), seq,
                limit);
    }

    public record Mark(String sku, long seq, OffsetDateTime markedAt) {
    }
}
