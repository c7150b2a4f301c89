package io.orderhub.store;

import io.orderhub.lifecycle.Destination;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The per-destination delivery record: one row per idempotency key with attempts and outcome. A key that
 * succeeded is never sent again, also after a crash, because every delivery route asks {@link #isDone} first.
 */
public class DeliveryLedger {

    public enum Status { PENDING, DELIVERED, DEAD }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeliveryLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The delivery to work on, or none when it is unknown or no longer pending (a redelivered message). */
    public DeliveryRef open(String key) {
        return jdbc.query("""
                SELECT idempotency_key, order_id, destination, revision FROM deliveries
                WHERE idempotency_key = ? AND status = 'PENDING'""",
                (rs, i) -> new DeliveryRef(rs.getString(1), rs.getString(2), Destination.valueOf(rs.getString(3)),
                        rs.getInt(4)), key).stream().findFirst().orElse(null);
    }

    public boolean isDone(String key) {
        return jdbc.queryForList("SELECT status FROM deliveries WHERE idempotency_key = ?", String.class, key)
                .stream().anyMatch(s -> !s.equals(Status.PENDING.name()));
    }

    public void succeeded(String key, String response) {
        jdbc.update("""
                UPDATE deliveries SET status = 'DELIVERED', attempts = attempts + 1, response = ?, last_error = NULL,
                    updated_at = ? WHERE idempotency_key = ? AND status = 'PENDING'""",
                OrderStore.truncate(response, 2000), now(), key);
    }

    public void failed(String key, String error) {
        jdbc.update("""
                UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at = ?
                WHERE idempotency_key = ? AND status = 'PENDING'""", OrderStore.truncate(error, 2000), now(), key);
    }

    /** The broker gave up on this key (dead-letter queue): stop counting it as pending. */
    public void deadLettered(String key, String reason) {
        jdbc.update("""
                UPDATE deliveries SET status = 'DEAD', last_error = COALESCE(last_error, ?), updated_at = ?
                WHERE idempotency_key = ? AND status = 'PENDING'""", OrderStore.truncate(reason, 2000), now(), key);
    }

    /** The destination refused the delivery itself (a 4xx): retrying cannot help, so it is dead now, with why. */
    public void refused(String key, String reason) {
        jdbc.update("""
                UPDATE deliveries SET status = 'DEAD', attempts = attempts + 1, last_error = ?, updated_at = ?
                WHERE idempotency_key = ? AND status = 'PENDING'""", OrderStore.truncate(reason, 2000), now(), key);
    }

    /** Deliveries still pending long after they were scheduled: published again in case the first publish was lost. */
    public Deliveries stalePending(int olderThanSeconds, int max) {
        OffsetDateTime before = now().minus(Duration.ofSeconds(olderThanSeconds));
        List<DeliveryRef> refs = jdbc.query("""
                SELECT idempotency_key, order_id, destination, revision FROM deliveries
                WHERE status = 'PENDING' AND updated_at < ? ORDER BY updated_at LIMIT ?""",
                (rs, i) -> new DeliveryRef(rs.getString(1), rs.getString(2), Destination.valueOf(rs.getString(3)),
                        rs.getInt(4)), before, max);
        return new Deliveries.Batch(refs);
    }

    public List<DeliveryRow> forOrder(String orderId) {
        return jdbc.query("""
                SELECT destination, idempotency_key, revision, status, attempts, last_error, response, updated_at
                FROM deliveries WHERE order_id = ? ORDER BY created_at, idempotency_key""",
                (rs, i) -> new DeliveryRow(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                        OrderStore.instant(rs, 8)),
                orderId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** What GET /api/orders/{orderId}/deliveries shows; {@code response}: what the destination answered (truncated). */
    public record DeliveryRow(String destination, String key, int revision, String status, int attempts,
                              String lastError, String response, Instant at) {
    }
}
