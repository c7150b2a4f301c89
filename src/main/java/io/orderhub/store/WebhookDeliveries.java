package io.orderhub.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The webhook deliveries the hub took, by the channel's delivery id, for as long as a replay is looked for. A
 * delivery is recorded only once its payload is stored, so a channel's retry of one the hub failed is taken.
 */
public class WebhookDeliveries {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration window;

    public WebhookDeliveries(JdbcTemplate jdbc, Clock clock, Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
    }

    public boolean taken(String channel, String deliveryId) {
        return !jdbc.queryForList("SELECT 1 FROM webhook_deliveries WHERE channel = ? AND delivery_id = ?",
                Integer.class, channel, deliveryId).isEmpty();
    }

    public void record(String channel, String deliveryId) {
        jdbc.update("""
                INSERT INTO webhook_deliveries (channel, delivery_id, received_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", channel, deliveryId, now());
    }

    /** Forgets the deliveries older than the window (routes/retention.yaml). */
    public int forget() {
        return jdbc.update("DELETE FROM webhook_deliveries WHERE received_at < ?", now().minus(window));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
