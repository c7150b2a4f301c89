package io.orderhub.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Incremental cursors of polled channels, kept per (channel, account). The value is the channel's own
 * "last modified" of the newest order stored (server time, never the hub's clock); a poll starts an overlap
 * window before it, and dedupe absorbs what the overlap fetches again.
 */
public class ChannelCursors {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ChannelCursors(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String channel, String account) {
        return jdbc.queryForList("SELECT cursor_value FROM channel_cursors WHERE channel = ? AND account = ?",
                String.class, channel, account).stream().findFirst();
    }

    /** Every cursor, by channel and account. */
    public List<Cursor> all() {
        return jdbc.query("SELECT channel, account, cursor_value, updated_at FROM channel_cursors ORDER BY channel, account",
                (rs, i) -> new Cursor(rs.getString(1), rs.getString(2), rs.getString(3), OrderStore.instant(rs, 4)));
    }

    /** {@code value}: the channel's newest change stored (UTC); {@code updatedAt}: when the hub last moved it. */
    public record Cursor(String channel, String account, String value, Instant updatedAt) {
    }

    /**
     * Where the next poll starts, as a UTC instant: the stored cursor less the overlap, or, on the first poll,
     * now less the look-back.
     */
    public String startFor(String channel, String account, int overlapSeconds, String lookback) {
        Instant start = get(channel, account)
                .map(Instant::parse)
                .map(c -> c.minusSeconds(overlapSeconds))
                .orElseGet(() -> Instant.now(clock).minus(Duration.parse(lookback)));
        return start.toString();
    }

    /**
     * Saves the newest of the given timestamps (ISO-8601, any offset) if it is after the stored cursor; a cursor
     * only moves forward.
     */
    public void advance(String channel, String account, Collection<?> timestamps) {
        advance(channel, account, timestamps, "UTC");
    }

    /** As {@link #advance(String, String, Collection)}, for a channel whose times carry no offset and are local to {@code zone}. */
    public void advance(String channel, String account, Collection<?> timestamps, String zone) {
        Instant newest = newest(timestamps, ZoneId.of(zone));
        if (newest == null) {
            return;
        }
        Optional<Instant> stored = get(channel, account).map(Instant::parse);
        if (stored.isPresent() && !newest.isAfter(stored.get())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE channel_cursors SET cursor_value = ?, updated_at = ? WHERE channel = ? AND account = ?",
                newest.toString(), now, channel, account);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO channel_cursors (channel, account, cursor_value, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", channel, account, newest.toString(), now);
        }
    }

    /**
     * The newest of a page's "last modified" values: ISO-8601 with an offset, epoch milliseconds (Trendyol, n11),
     * or a local date-time without offset in the channel's zone (WooCommerce's *_gmt fields, Hepsiburada).
     */
    public static Instant newest(Collection<?> timestamps, ZoneId zone) {
        Instant newest = null;
        for (Object t : timestamps == null ? List.of() : timestamps) {
            Instant parsed = t == null ? null : parse(String.valueOf(t), zone);
            if (parsed != null && (newest == null || parsed.isAfter(newest))) {
                newest = parsed;
            }
        }
        return newest;
    }

    private static Instant parse(String text, ZoneId zone) {
        if (text.matches("\\d{10,}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
