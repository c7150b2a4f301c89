package io.orderhub.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Marks master SKUs whose available-to-promise may have moved, in the caller's transaction (V12__stock_marks.sql):
 * the channels are told from these marks, so a crash after the commit still tells them. Marks are only inserted,
 * never updated: a SKU many orders touch at once is not a row they queue for.
 */
public final class StockMarks {

    private StockMarks() {
    }

    public static void mark(JdbcTemplate jdbc, Collection<String> skus, OffsetDateTime at) {
        for (String sku : new TreeSet<>(skus.stream().filter(Objects::nonNull).toList())) {
            jdbc.update("INSERT INTO stock_marks (sku, marked_at) VALUES (?, ?)", sku, at);
        }
    }

    /**
     * The SKUs of the next {@code limit} marks after {@code seq} and at most {@code until}, each once with its
     * earliest mark time, and the seq of the last mark read ({@code seq} itself when there is none).
     */
    public static Marks after(JdbcTemplate jdbc, long seq, long until, int limit) {
        Map<String, OffsetDateTime> skus = new LinkedHashMap<>();
        Map<String, Long> first = new LinkedHashMap<>();
        long[] last = {seq};
        jdbc.query("SELECT seq, sku, marked_at FROM stock_marks WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                rs -> {
                    last[0] = rs.getLong(1);
                    skus.putIfAbsent(rs.getString(2), rs.getObject(3, OffsetDateTime.class));
                    first.putIfAbsent(rs.getString(2), rs.getLong(1));
                }, seq, until, limit);
        return new Marks(skus, first, last[0]);
    }

    /** The seq of the latest mark (0 when there is none). */
    public static long latest(JdbcTemplate jdbc) {
        Long latest = jdbc.queryForObject("SELECT MAX(seq) FROM stock_marks", Long.class);
        return latest == null ? 0 : latest;
    }

    /** Deletes the marks at or before {@code seq}: every publisher is past them. */
    public static int forget(JdbcTemplate jdbc, long seq) {
        return jdbc.update("DELETE FROM stock_marks WHERE seq <= ?", seq);
    }

    /** {@code skus}: each SKU with its earliest mark time, in the order of their first marks. */
    public record Marks(Map<String, OffsetDateTime> skus, Map<String, Long> firstSeq, long upTo) {

        /** The seq just before the SKU's first mark: where a publisher that stops before that SKU is. */
        public long before(String sku) {
            return firstSeq.get(sku) - 1;
        }
    }
}
