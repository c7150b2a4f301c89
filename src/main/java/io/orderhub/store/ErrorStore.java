package io.orderhub.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.canonical.OrderIds;
import io.orderhub.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Input the hub could not accept, kept whole: where it came from, the stage and reason it failed, and the raw
 * payload, so it can be looked at, fixed at the mapping, and replayed.
 */
public class ErrorStore {

    /**
     * DISCARDED: an operator decided it is not to be taken (who and why are in the result); EXPIRED: the payload
     * was kept no longer (hub.retention.error-payloads) before anyone replayed it.
     */
    public enum ReplayState { OPEN, REPLAYED, DISCARDED, EXPIRED }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StoreEvents events;

    public ErrorStore(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, StoreEvents.NONE);
    }

    public ErrorStore(JdbcTemplate jdbc, Clock clock, StoreEvents events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Keeps refused input. The same payload refused again at the same stage while its entry is open (a poll's
     * overlap reads it again, a channel retries its webhook) counts on that entry instead of adding one.
     */
    public String record(String channel, String account, String source, String stage, String reason, String raw) {
        return keep(channel, account, source, stage, reason, raw).errorId();
    }

    /** As {@link #record}, saying how often the entry has now been seen (1: it is new). */
    public Kept keep(String channel, String account, String source, String stage, String reason, String raw) {
        String body = raw == null ? "" : raw;
        String hash = OrderIds.sha256(channel + "\n" + stage + "\n" + body);
        OffsetDateTime now = now();
        List<Kept> open = jdbc.query("""
                SELECT error_id, occurrences FROM error_store WHERE payload_hash = ? AND replay_state = 'OPEN'
                ORDER BY received_at LIMIT 1""", (rs, i) -> new Kept(rs.getString(1), rs.getInt(2) + 1), hash);
        if (!open.isEmpty()) {
            jdbc.update("""
                    UPDATE error_store SET occurrences = occurrences + 1, last_seen_at = ?, reason = ? WHERE error_id = ?""",
                    now, OrderStore.truncate(reason, 4000), open.get(0).errorId());
            return open.get(0);
        }
        String errorId = "err-" + UUID.randomUUID();
        jdbc.update("""
                INSERT INTO error_store (error_id, channel, account, source, stage, reason, content_type, raw_payload,
                    received_at, replay_state, replay_count, payload_hash, occurrences, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, 'application/json', ?, ?, 'OPEN', 0, ?, 1, ?)""",
                errorId, OrderStore.truncate(channel, 32), OrderStore.truncate(account, 128),
                source == null ? "unknown" : OrderStore.truncate(source, 64), stage,
                OrderStore.truncate(reason, 4000), body, now, hash, now);
        StoreEvents.afterCommit(() -> events.errorKept(channel, stage));
        return new Kept(errorId, 1);
    }

    /** An entry that keeps refused input, and how often that input has come. */
    public record Kept(String errorId, int occurrences) {
    }

    public Optional<ErrorEntry> find(String errorId) {
        return jdbc.query(SELECT.formatted("raw_payload") + " WHERE error_id = ?", ENTRY, errorId).stream()
                .findFirst();
    }

    /** Entries without their payloads: a page of them would hold that many whole orders, or EDI files. */
    public List<ErrorEntry> list(ReplayState state, String channel, int page, int size) {
        return list(new ErrorFilter(state, channel, null, null, null, null), page, size);
    }

    public List<ErrorEntry> list(ErrorFilter filter, int page, int size) {
        Where where = filter.where();
        return jdbc.query(SELECT.formatted("NULL") + where.sql()
                + " ORDER BY received_at DESC, error_id LIMIT ? OFFSET ?", ENTRY, where.pageArgs(page, size));
    }

    public long count(ReplayState state, String channel) {
        return count(new ErrorFilter(state, channel, null, null, null, null));
    }

    public long count(ErrorFilter filter) {
        Where where = filter.where();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM error_store" + where.sql(), Long.class, where.args());
        return n == null ? 0 : n;
    }

    /**
     * What the error store is searched by: a null field is "any"; {@code reason}: text the reason holds (any case);
     * {@code since}/{@code until}: when the entry was first received.
     */
    public record ErrorFilter(ReplayState state, String channel, String stage, String reason, Instant since,
                              Instant until) {

        Where where() {
            return new Where().eq("replay_state", state).eq("channel", blankToNull(channel))
                    .eq("stage", blankToNull(stage)).contains("reason", reason)
                    .atLeast("received_at", OrderStore.utc(since)).before("received_at", OrderStore.utc(until));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /**
     * The matching entries grouped by cause: their channel, stage and reason with what differs from one input to
     * the next (numbers, ids) taken out, largest group first. At most {@code limit} entries are read.
     */
    public List<Cause> causes(ErrorFilter filter, int limit) {
        Where where = filter.where();
        Map<String, Cause> groups = new LinkedHashMap<>();
        jdbc.query("SELECT error_id, channel, stage, reason, occurrences, received_at FROM error_store" + where.sql()
                + " ORDER BY received_at DESC, error_id LIMIT ? OFFSET ?", rs -> {
            String cause = cause(rs.getString(4));
            String key = rs.getString(2) + "\n" + rs.getString(3) + "\n" + cause;
            Instant at = OrderStore.instant(rs, 6);
            groups.merge(key, new Cause(rs.getString(2), rs.getString(3), cause, 1, rs.getInt(5), at, at,
                    rs.getString(1)), Cause::plus);
        }, where.pageArgs(0, limit));
        return groups.values().stream().sorted(Comparator.comparingInt(Cause::entries).reversed()).toList();
    }

    /** The ids of the matching entries whose reason is of this cause (all causes when null or blank). */
    public List<String> idsOfCause(ErrorFilter filter, String cause, int limit) {
        Where where = filter.where();
        List<String> ids = new ArrayList<>();
        boolean any = cause == null || cause.isBlank();
        jdbc.query("SELECT error_id, reason FROM error_store" + where.sql()
                + " ORDER BY received_at, error_id LIMIT ? OFFSET ?", rs -> {
            if (any || cause.equals(cause(rs.getString(2)))) {
                ids.add(rs.getString(1));
            }
        }, where.pageArgs(0, limit));
        return ids;
    }

    /**
     * A reason with what names one input (ids, numbers, personal data) taken out, so the same fault in many orders
     * reads the same: "mapping failed at line #: unknown field 'x'".
     */
    public static String cause(String reason) {
        String text = PersonalData.text(reason == null ? "" : reason);
        text = UUIDS.matcher(text).replaceAll("…");
        text = NUMBERS.matcher(text).replaceAll("#");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static final Pattern UUIDS = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    /** A group of entries of one cause: how many, how often their inputs came, first and last seen, one example. */
    public record Cause(String channel, String stage, String cause, int entries, long occurrences, Instant first,
                        Instant last, String exampleErrorId) {

        Cause plus(Cause other) {
            return new Cause(channel, stage, cause, entries + other.entries, occurrences + other.occurrences,
                    first.isBefore(other.first) ? first : other.first, last.isAfter(other.last) ? last : other.last,
                    exampleErrorId);
        }
    }

    public void replaySucceeded(String errorId, String result) {
        jdbc.update("""
                UPDATE error_store SET replay_state = 'REPLAYED', replay_count = replay_count + 1, replayed_at = ?,
                    replay_result = ? WHERE error_id = ?""", now(), OrderStore.truncate(result, 4000), errorId);
    }

    /** An open entry closed without a replay; false when it is not open (any more). */
    public boolean discard(String errorId, String result) {
        return jdbc.update("""
                UPDATE error_store SET replay_state = 'DISCARDED', replayed_at = ?, replay_result = ?
                WHERE error_id = ? AND replay_state = 'OPEN'""", now(), OrderStore.truncate(result, 4000), errorId) == 1;
    }

    /** A replay that failed again: the entry stays open, with the newest reason. */
    public void replayFailed(String errorId, String reason) {
        jdbc.update("""
                UPDATE error_store SET replay_count = replay_count + 1, replayed_at = ?, replay_result = ?, reason = ?
                WHERE error_id = ?""", now(), "failed", OrderStore.truncate(reason, 4000), errorId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static final String SELECT = """
            SELECT error_id, channel, account, source, stage, reason, %s, received_at, replay_state,
                replay_count, replayed_at, replay_result, occurrences FROM error_store""";

    private static final RowMapper<ErrorEntry> ENTRY = (rs, i) -> new ErrorEntry(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            OrderStore.instant(rs, 8), ReplayState.valueOf(rs.getString(9)), rs.getInt(10), OrderStore.instant(rs, 11),
            rs.getString(12), rs.getInt(13));

    /** {@code rawPayload}: what came, as it came; absent in lists and to whoever may not see it. */
    public record ErrorEntry(String errorId, String channel, String account, String source, String stage,
                             String reason, @JsonInclude(JsonInclude.Include.NON_NULL) String rawPayload,
                             Instant receivedAt, ReplayState replayState, int replayCount, Instant replayedAt,
                             String replayResult, int occurrences) {

        /** The entry as people who may not see personal data see it: no payload, the reason masked. */
        public ErrorEntry masked() {
            return new ErrorEntry(errorId, channel, account, source, stage, PersonalData.text(reason), null,
                    receivedAt, replayState, replayCount, replayedAt, PersonalData.text(replayResult), occurrences);
        }
    }
}
