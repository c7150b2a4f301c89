package io.orderhub.store;

import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records an oversell in the caller's transaction (V14__stock_reports.sql): a channel's order line the stock pool
 * could not reserve, with what that channel had confirmed for the SKU before the order was placed and when, so the
 * report says whether the channel was told too late or told wrong. An order allocated again later is recorded once.
 */
public final class Oversells {

    private Oversells() {
    }

    public static void record(JdbcTemplate jdbc, CanonicalOrder order, OrderLine line, OffsetDateTime now) {
        String sku = line.stockSku();
        if (sku == null || jdbc.queryForObject("SELECT COUNT(*) FROM oversells WHERE order_id = ? AND sku = ?",
                Integer.class, order.orderId(), sku) > 0) {
            return;
        }
        OffsetDateTime placedAt = order.placedAt() == null ? now : order.placedAt().atOffset(ZoneOffset.UTC);
        Object[] level = jdbc.query("""
                SELECT p.quantity, p.updated_at FROM stock_pushes p JOIN listings l ON l.channel = p.channel
                AND l.account = p.account AND l.listing_id = p.listing_id WHERE l.channel = ? AND l.account = ?
                AND l.master_sku = ? AND p.state = 'CONFIRMED' AND p.updated_at <= ? ORDER BY p.updated_at DESC
                LIMIT 1""", rs -> rs.next() ? new Object[] {rs.getInt(1), rs.getObject(2, OffsetDateTime.class)}
                : new Object[] {null, null}, order.channel(), order.account(), sku, placedAt);
        jdbc.update("""
                INSERT INTO oversells (order_id, sku, channel, account, quantity, channel_quantity, confirmed_at,
                    placed_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", order.orderId(), sku,
                order.channel(), order.account(), line.quantity(), level[0], level[1], placedAt, now);
    }

    /** The oversell report: the latest first, of one channel or all. */
    public static List<Oversell> list(JdbcTemplate jdbc, String channel, int limit) {
        return jdbc.query("""
                SELECT order_id, sku, channel, account, quantity, channel_quantity, confirmed_at, placed_at, recorded_at
                FROM oversells WHERE CAST(? AS VARCHAR(32)) IS NULL OR channel = ? ORDER BY recorded_at DESC LIMIT ?""",
                (rs, i) -> {
                    OffsetDateTime confirmedAt = rs.getObject(7, OffsetDateTime.class);
                    OffsetDateTime placedAt = rs.getObject(8, OffsetDateTime.class);
                    return new Oversell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), (Integer) rs.getObject(6), confirmedAt, placedAt,
                            rs.getObject(9, OffsetDateTime.class), confirmedAt == null || placedAt == null ? null
                            : Duration.between(confirmedAt, placedAt).toSeconds());
                }, channel, channel, limit);
    }

    /**
     * An order line the pool could not reserve: what its channel had last confirmed for the SKU
     * ({@code channelQuantity}, null when never told) and how old that was when the order was placed.
     */
    public record Oversell(String orderId, String sku, String channel, String account, int quantity,
                           Integer channelQuantity, OffsetDateTime confirmedAt, OffsetDateTime placedAt,
                           OffsetDateTime recordedAt, Long confirmedSecondsBeforeOrder) {
    }
}
