package io.orderhub.store;

import io.orderhub.lifecycle.Destination;
import io.orderhub.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-destination delivery record: one row per idempotency key with attempts and outcome. A key that
 * succeeded is never sent again, also after a crash, because every delivery route asks {@link #isDone} first.
 */
public class DeliveryLedger {

    public enum Status { PENDING, DELIVERED, DEAD }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration longestRedeliveryDelay;

    /** How a refusal begins that says an earlier attempt's outcome is unknown (CarrierShipments). */
    public static final String UNKNOWN_OUTCOME = "outcome unknown";

    public DeliveryLedger(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, Duration.ZERO);
    }

    /** {@code longestRedeliveryDelay}: the broker may hold a failed delivery this long before its next attempt. */
    public DeliveryLedger(JdbcTemplate jdbc, Clock clock, Duration longestRedeliveryDelay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.longestRedeliveryDelay = longestRedeliveryDelay;
    }

    /** The delivery to work on, or none when it is unknown or no longer pending (a redelivered message). */
    public DeliveryRef open(String key) {
        return jdbc.query(SELECT_REF + " WHERE idempotency_key = ? AND status = 'PENDING'", REF, key)
                .stream().findFirst().orElse(null);
    }

    /**
     * Counts an attempt of the delivery as begun, committed before the call it guards; answers how many were begun
     * before. A delivery begun but never finished may have had its effect (the answer lost to a timeout or a crash).
     */
    public int begin(String key) {
        int before = started(key);
        jdbc.update("UPDATE deliveries SET started = started + 1 WHERE idempotency_key = ?", key);
        return before;
    }

    /**
     * The destination answered the call that {@link #begin} counted (with an error status or fault): that attempt's
     * outcome is known, it made nothing, so it no longer counts as begun. What stays counted are attempts whose
     * answer never came (a timeout, a crash).
     */
    public void answered(String key) {
        jdbc.update("UPDATE deliveries SET started = started - 1 WHERE idempotency_key = ? AND started > 0", key);
    }

    /** How many attempts of the delivery were begun ({@link #begin}); none counted here. */
    public int started(String key) {
        return jdbc.queryForList("SELECT started FROM deliveries WHERE idempotency_key = ?", Integer.class, key)
                .stream().findFirst().orElse(0);
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

    /**
     * Deliveries still pending long after they were last touched, oldest first: published again (with a fresh broker
     * duplicate id) in case their message was lost. One never attempted is stale after {@code olderThanSeconds} (a
     * publish lost in a crash after the commit); one that failed only once the broker's longest redelivery delay has
     * passed on top, since until then its message is waiting in the broker for its next attempt and a copy would only
     * double the traffic. Each is touched here, so the next sweep takes the next ones.
     */
    @Transactional
    public Deliveries stalePending(int olderThanSeconds, int max) {
        OffsetDateTime now = now();
        OffsetDateTime neverTried = now.minus(Duration.ofSeconds(olderThanSeconds));
        OffsetDateTime retrying = neverTried.minus(longestRedeliveryDelay);
        List<DeliveryRef> refs = jdbc.query(SELECT_REF + " WHERE status = 'PENDING'"
                        + " AND ((attempts = 0 AND updated_at < ?) OR updated_at < ?) ORDER BY updated_at LIMIT ?", REF,
                neverTried, retrying, max);
        touch(refs, "");
        return new Deliveries.Batch(refs, true);
    }

    /**
     * An operator sends a delivery again: a DEAD (or stuck PENDING) one is PENDING again and is returned, to be
     * published with a fresh broker id; empty when the key is unknown or already delivered.
     */
    @Transactional
    public Optional<DeliveryRef> retry(String key) {
        // one refused because an earlier attempt's outcome was unknown (UNKNOWN_OUTCOME): the operator has looked
        // at the destination, and the retry asks again
        int moved = jdbc.update("""
                UPDATE deliveries SET status = 'PENDING', updated_at = ?,
                    started = CASE WHEN status = 'DEAD' AND last_error LIKE ? THEN 0 ELSE started END
                WHERE idempotency_key = ? AND status IN ('DEAD', 'PENDING')""", now(), UNKNOWN_OUTCOME + "%", key);
        return moved == 0 ? Optional.empty()
                : jdbc.query(SELECT_REF + " WHERE idempotency_key = ?", REF, key).stream().findFirst();
    }

    /** Every delivery to the destination in that state and time range is PENDING again, each once; returned. */
    @Transactional
    public List<DeliveryRef> retryAll(Destination destination, Status status, Instant since, Instant until) {
        // never a delivered one, also when no status is named
        Where where = filter(status, destination, since, until);
        List<DeliveryRef> refs = jdbc.query(SELECT_REF + where.sql() + " AND status IN ('DEAD', 'PENDING')"
                + " ORDER BY updated_at", REF, where.args());
        touch(refs, "status = 'PENDING', ");
        return refs;
    }

    /** Marks the rows changed now (and sets {@code set} first, when given), one batch of statements. */
    private void touch(List<DeliveryRef> refs, String set) {
        OffsetDateTime now = now();
        jdbc.batchUpdate("UPDATE deliveries SET " + set + "updated_at = ? WHERE idempotency_key = ?",
                refs.stream().map(ref -> new Object[]{now, ref.key()}).toList());
    }

    /** What GET /api/deliveries lists: newest first, filtered by status, destination and time of the last change. */
    public Page page(Status status, Destination destination, Instant since, Instant until, int page, int size) {
        Where where = filter(status, destination, since, until);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM deliveries" + where.sql(), Long.class, where.args());
        List<Item> items = jdbc.query("""
                SELECT idempotency_key, order_id, destination, revision, status, attempts, last_error, response,
                    updated_at FROM deliveries""" + where.sql() + " ORDER BY updated_at DESC, idempotency_key LIMIT ? OFFSET ?",
                (rs, i) -> new Item(rs.getString(1), rs.getString(2), rs.getString(3).toLowerCase(java.util.Locale.ROOT),
                        rs.getInt(4), rs.getString(5), rs.getInt(6), PersonalData.text(rs.getString(7)),
                        PersonalData.text(rs.getString(8)), OrderStore.instant(rs, 9)), where.pageArgs(page, size));
        return new Page(items, total == null ? 0 : total);
    }

    /**
     * Deliveries still open (PENDING) or given up (DEAD), by destination and status, with the earliest scheduled and
     * the last change. Read through the status index, so it costs what is open, not what the ledger holds (a full
     * GROUP BY took minutes a read with a million orders stored: README, "Performance").
     */
    public List<Stat> stats() {
        return jdbc.query("""
                SELECT destination, status, COUNT(*), MIN(created_at), MAX(updated_at) FROM deliveries
                WHERE status IN ('PENDING', 'DEAD') GROUP BY destination, status""", (rs, i) -> new Stat(
                Destination.valueOf(rs.getString(1)), Status.valueOf(rs.getString(2)), rs.getLong(3),
                OrderStore.instant(rs, 4), OrderStore.instant(rs, 5)));
    }

    /** The last success per destination among deliveries that succeeded after {@code since}, through the index. */
    public Map<Destination, Instant> lastSuccesses(Instant since) {
        Map<Destination, Instant> last = new EnumMap<>(Destination.class);
        jdbc.query("""
                SELECT destination, MAX(updated_at) FROM deliveries WHERE status = 'DELIVERED' AND updated_at > ?
                GROUP BY destination""", rs -> {
            last.put(Destination.valueOf(rs.getString(1)), OrderStore.instant(rs, 2));
        }, OrderStore.utc(since));
        return last;
    }

    /** {@code oldest}: the earliest scheduled; {@code latest}: the last change (for DELIVERED, the last success). */
    public record Stat(Destination destination, Status status, long count, Instant oldest, Instant latest) {
    }

    private static Where filter(Status status, Destination destination, Instant since, Instant until) {
        return new Where().eq("status", status).eq("destination", destination)
                .atLeast("updated_at", OrderStore.utc(since)).before("updated_at", OrderStore.utc(until));
    }

    private static final String SELECT_REF = "SELECT idempotency_key, order_id, destination, revision FROM deliveries";
    private static final RowMapper<DeliveryRef> REF = (rs, i) -> new DeliveryRef(rs.getString(1), rs.getString(2),
            Destination.valueOf(rs.getString(3)), rs.getInt(4));

    /** One delivery as GET /api/deliveries shows it: what the destination answered with personal data masked. */
    public record Item(String key, String orderId, String destination, int revision, String status, int attempts,
                       String lastError, String response, Instant at) {
    }

    public record Page(List<Item> items, long total) {
    }

    public List<DeliveryRow> forOrder(String orderId) {
        return jdbc.query("""
                SELECT destination, idempotency_key, revision, status, attempts, last_error, response, updated_at
                FROM deliveries WHERE order_id = ? ORDER BY created_at, idempotency_key""",
                (rs, i) -> new DeliveryRow(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getInt(5), PersonalData.text(rs.getString(6)),
                        PersonalData.text(rs.getString(7)), OrderStore.instant(rs, 8)),
                orderId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * What GET /api/orders/{orderId}/deliveries shows; {@code response}: what the destination answered (truncated,
     * personal data masked).
     */
    public record DeliveryRow(String destination, String key, int revision, String status, int attempts,
                              String lastError, String response, Instant at) {
    }
}
