package io.orderhub.inventory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.store.Oversells;
import io.orderhub.store.StockMarks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads back what the channels hold (routes/stock-check-template.yaml) and compares it with what the hub last knew
 * (listing_levels): a listing whose quantity differs for longer than the grace period (an order the channel sold
 * explains a short one) is drift: counted, taken as what the channel holds, and told again. Listings told a
 * quantity in the last hour and low ones are read every {@code hotEvery}, the others every {@code allEvery}; a listing with a push under way
 * waits for its answer.
 */
public class StockChecks {

    /** A push still SENT after this was lost (the process stopped during the call): it holds no check up. */
    private static final Duration IN_FLIGHT = Duration.ofMinutes(10);
    /** A listing told a quantity within this is read as often as a low one. */
    private static final Duration RECENT = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Settings settings;
    private final java.util.Set<String> metered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How often listings are read, which count as low, and how long a difference may last before it is drift. */
    public record Settings(Duration hotEvery, Duration allEvery, int lowStock, Duration grace) {
    }

    public StockChecks(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, Settings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.settings = settings;
    }

    /**
     * The next listings of the channel account to read, at most {@code size}, as a batch whose quantities are what
     * the hub last knew the channel held; null when none is due.
     */
    @Transactional(readOnly = true)
    public StockPublisher.Batch due(String channel, String account, int size) {
        OffsetDateTime now = now();
        if (metered.add(channel)) {
            Gauge.builder("hub_stock_drift_listings", () -> jdbc.queryForObject("""
                    SELECT COUNT(*) FROM listing_checks WHERE channel = ? AND differs_since IS NOT NULL AND drift_at
                    >= differs_since""", Integer.class, channel))
                    .description("Listings whose quantity at the channel stayed other than the hub told it")
                    .tag("channel", channel).register(meters);
        }
        List<StockPublisher.Push> listings = jdbc.query("""
                SELECT l.listing_id, l.master_sku, l.inventory_item_id, l.location_id, v.quantity
                FROM listings l JOIN listing_levels v ON v.channel = l.channel AND v.account = l.account
                    AND v.listing_id = l.listing_id
                LEFT JOIN listing_checks c ON c.channel = l.channel AND c.account = l.account
                    AND c.listing_id = l.listing_id
                WHERE l.channel = ? AND l.account = ? AND NOT l.fulfilled_by_channel
                AND NOT EXISTS (SELECT 1 FROM stock_pushes p WHERE p.channel = l.channel AND p.account = l.account
                    AND p.listing_id = l.listing_id AND p.state = 'SENT' AND p.created_at > ?)
                AND (c.checked_at IS NULL OR c.checked_at < ? OR (c.checked_at < ? AND (v.confirmed_at > ?
                    OR v.quantity <= ? OR c.differs_since IS NOT NULL)))
                ORDER BY c.checked_at NULLS FIRST, l.listing_id LIMIT ?""", (rs, i) -> new StockPublisher.Push(
                UUID.randomUUID().toString(), new Listing(channel, account, rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), false), rs.getInt(5), null, null),
                channel, account, now.minus(IN_FLIGHT), now.minus(settings.allEvery()), now.minus(settings.hotEvery()),
                now.minus(RECENT), settings.lowStock(), size);
        return listings.isEmpty() ? null : new StockPublisher.Batch(UUID.randomUUID().toString(), channel, account,
                listings, 0);
    }

    /** What the channel answered it holds of each listing read (a listing it did not show is left out). */
    @Transactional
    public void read(StockPublisher.Batch check, Map<String, Integer> actual) {
        for (StockPublisher.Push listing : check.pushes()) {
            readOne(check, listing, actual.get(listing.listing().listingId()));
        }
    }

    /** What the channel holds of one listing (null: it does not show the listing). */
    @Transactional
    public void readOne(StockPublisher.Batch check, StockPublisher.Push read, Integer actual) {
        Listing listing = read.listing();
        OffsetDateTime now = now();
        Integer expected = jdbc.queryForList("""
                SELECT quantity FROM listing_levels WHERE channel = ? AND account = ? AND listing_id = ?""",
                Integer.class, listing.channel(), listing.account(), listing.listingId()).stream().findFirst()
                .orElse(null);
        List<Map<String, Object>> before = jdbc.queryForList("""
                SELECT differs_since, drift_at FROM listing_checks WHERE channel = ? AND account = ?
                AND listing_id = ?""", listing.channel(), listing.account(), listing.listingId());
        OffsetDateTime since = null;
        // the last drift stays on the row (the report shows it a day), also once the listing agrees again
        OffsetDateTime driftAt = before.isEmpty() ? null : time(before.get(0).get("drift_at"));
        if (actual != null && expected != null && !actual.equals(expected)) {
            since = before.isEmpty() ? null : time(before.get(0).get("differs_since"));
            if (since == null) {
                since = now;
            } else if (!since.isAfter(now.minus(settings.grace()))
                    && (driftAt == null || !driftAt.isAfter(now.minus(settings.grace())))) {
                driftAt = now;
                drift(listing, actual, now);
            }
        }
        Object[] values = {now, expected, actual, since, driftAt, listing.channel(), listing.account(),
            listing.listingId()};
        if (jdbc.update("""
                UPDATE listing_checks SET checked_at = ?, expected = ?, actual = ?, differs_since = ?, drift_at = ?
                WHERE channel = ? AND account = ? AND listing_id = ?""", values) == 0) {
            jdbc.update("""
                    INSERT INTO listing_checks (checked_at, expected, actual, differs_since, drift_at, channel, account,
                        listing_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", values);
        }
    }

    /** The channel holds {@code actual}: that is what the publisher compares from now, and the SKU is told again. */
    private void drift(Listing listing, int actual, OffsetDateTime now) {
        meters.counter("hub_stock_drift_total", "channel", listing.channel()).increment();
        jdbc.update("""
                UPDATE listing_levels SET quantity = ?, confirmed_at = ? WHERE channel = ? AND account = ?
                AND listing_id = ?""", actual, now, listing.channel(), listing.account(), listing.listingId());
        StockMarks.mark(jdbc, List.of(listing.masterSku()), now);
    }

    /** Counts each channel's oversells (the order lines the pool could not reserve, table oversells). */
    public void meterOversells(java.util.Collection<String> channels) {
        for (String channel : channels) {
            io.micrometer.core.instrument.FunctionCounter.builder("hub_stock_oversells_total", jdbc, db ->
                    db.queryForObject("SELECT COUNT(*) FROM oversells WHERE channel = ?", Long.class, channel))
                    .description("Order lines the channel sold that the stock pool could not reserve")
                    .tag("channel", channel).register(meters);
        }
    }

    /** The oversell report: the order lines the pool could not reserve (Oversells), latest first. */
    public List<Oversells.Oversell> oversells(String channel, int size) {
        return Oversells.list(jdbc, channel, size);
    }

    /** The drift report: every listing that differs now or drifted in the last day, oldest difference first. */
    public List<Drift> drifting(String channel) {
        return jdbc.query("""
                SELECT c.channel, c.account, c.listing_id, l.master_sku, c.expected, c.actual, c.differs_since,
                    c.drift_at, c.checked_at, (SELECT MAX(p.updated_at) FROM stock_pushes p WHERE p.channel = c.channel
                    AND p.account = c.account AND p.listing_id = c.listing_id AND p.state = 'CONFIRMED')
                FROM listing_checks c LEFT JOIN listings l ON l.channel = c.channel AND l.account = c.account
                    AND l.listing_id = c.listing_id
                WHERE (c.differs_since IS NOT NULL OR c.drift_at > ?) AND (CAST(? AS VARCHAR(32)) IS NULL
                    OR c.channel = ?)
                ORDER BY COALESCE(c.differs_since, c.drift_at) LIMIT 1000""", (rs, i) -> new Drift(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6),
                rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class)), now().minusDays(1), channel,
                channel);
    }

    /**
     * A listing the channel holds otherwise than the hub told it: {@code expected} what the hub last knew,
     * {@code actual} what was read; {@code driftAt} set once it lasted past the grace period and was told again.
     */
    public record Drift(String channel, String account, String listing, String sku, Integer expected, Integer actual,
                        OffsetDateTime differsSince, OffsetDateTime driftAt, OffsetDateTime checkedAt,
                        OffsetDateTime lastConfirmedPush) {
    }

    private static OffsetDateTime time(Object value) {
        return value instanceof OffsetDateTime at ? at : value instanceof java.sql.Timestamp t
                ? t.toInstant().atOffset(ZoneOffset.UTC) : null;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
