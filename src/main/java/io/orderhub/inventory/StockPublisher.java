package io.orderhub.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderhub.store.ErrorStore;
import io.orderhub.store.StockMarks;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells each channel account what its listings may sell, from the stock marks (V12): a publisher takes the marks
 * after its cursor, computes each listing's quantity from the current rows (Inventory), and pushes only those that
 * differ from what the channel last confirmed. The cursor moves only once a push is confirmed, so a failure, a
 * stale compare-and-set or a crash pushes again, with the value of that moment. Every push is recorded.
 */
public class StockPublisher {

    private static final Duration RESULTS_KEPT = Duration.ofHours(4);
    /** At most this many slices of marks (of a batch's size each) are read for one batch. */
    private static final int MARK_SLICES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error store's stage of a listing a channel refused. */
    public static final String STAGE = "stock";

    private final JdbcTemplate jdbc;
    private final Inventory inventory;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ErrorStore errors;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    /** Listings whose quantity the channel would refuse before a time ({@link #hold}), by channel|account|listing. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Set<String> metered = ConcurrentHashMap.newKeySet();

    public StockPublisher(JdbcTemplate jdbc, Inventory inventory, ErrorStore errors, Clock clock,
                          MeterRegistry meters) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.errors = errors;
        this.clock = clock;
        this.meters = meters;
    }

    /** One quantity for one listing; {@code changeFrom}: what the channel last confirmed (null: never told). */
    public record Push(String pushId, Listing listing, int quantity, Integer changeFrom, OffsetDateTime markedAt) {
    }

    /** The pushes of one call to a channel, and the last mark they cover. */
    public record Batch(String batchId, String channel, String account, List<Push> pushes, long upToSeq) {
    }

    private record Held(int quantity, Instant until) {
    }

    /**
     * The next batch of at most {@code size} pushes for the channel account, or null when nothing is to be told. A
     * publisher's first round tells every listing of the account. A listing the channel cannot be told (one that
     * lacks the channel's ids) is recorded as REFUSED and does not hold up the others.
     *
     * <p>Changes are coalesced over {@code windowMs}: a batch that is not full waits until its oldest change is that
     * old, and is computed again each round meanwhile (the latest quantity wins). A drop to zero (which the
     * policy's end-when level also publishes) does not wait.
     */
    @Transactional
    public Batch due(String channel, String account, int size, long windowMs) {
        Instant until = pausedUntil.get(channel + "|" + account);
        if (until != null && until.isAfter(clock.instant())) {
            return null;
        }
        Long stored = cursor(channel, account);
        if (stored == null) {
            StockMarks.mark(jdbc, inventory.listedSkus(channel, account), now());
            advance(channel, account, 0);
        }
        long cursor = stored == null ? 0 : stored;
        // marks that tell this account nothing (SKUs it does not list, quantities it holds) are passed over, so a
        // round is not spent on them: read on until there is something to push or no mark is left; only the marks
        // there were when this call began, so a held listing marked again is read next call, not in a loop
        long latest = StockMarks.latest(jdbc);
        // a SKU a slice told nothing is not computed again in the next (computing it reads its orders' demand)
        Set<String> told = new HashSet<>();
        for (int slice = 0; slice < MARK_SLICES; slice++) {
            StockMarks.Marks marks = StockMarks.after(jdbc, cursor, latest, size);
            if (marks.upTo() == cursor) {
                return null;
            }
            Batch batch = due(channel, account, size, windowMs, marks, cursor, told);
            if (batch != null || cursor(channel, account) != marks.upTo()) {
                return batch; // a batch, or one that waits for its window
            }
            cursor = marks.upTo();
        }
        return null;
    }

    /** The batch of these marks; null, with the cursor moved past them, when they tell the account nothing. */
    private Batch due(String channel, String account, int size, long windowMs, StockMarks.Marks marks, long cursor,
                      Set<String> told) {
        List<Push> pushes = new ArrayList<>();
        long upTo = marks.upTo();
        for (Map.Entry<String, OffsetDateTime> mark : marks.skus().entrySet()) {
            if (!told.add(mark.getKey())) {
                continue;
            }
            Map<Listing, Integer> quantities = inventory.toPublish(channel, account, mark.getKey());
            if (!pushes.isEmpty() && pushes.size() + quantities.size() > size) {
                upTo = marks.before(mark.getKey());
                break;
            }
            quantities.forEach((listing, quantity) -> {
                Integer confirmed = level(listing);
                if (listing.unpushable() != null) {
                    refused(listing, quantity, listing.unpushable());
                } else if (Integer.valueOf(quantity).equals(confirmed)
                        || Integer.valueOf(quantity).equals(awaited(listing))) {
                    held.remove(key(listing));
                } else if (held(listing, quantity)) {
                    // marked again, so the cursor can move on and the quantity is told once the hold ends
                    StockMarks.mark(jdbc, List.of(mark.getKey()), mark.getValue());
                } else {
                    pushes.add(new Push(UUID.randomUUID().toString(), listing, quantity, confirmed, mark.getValue()));
                }
            });
        }
        if (pushes.isEmpty()) {
            if (upTo > cursor) {
                advance(channel, account, upTo);
            }
            return null;
        }
        if (pushes.size() < size && pushes.stream().noneMatch(push -> push.quantity() == 0)
                && pushes.stream().allMatch(push -> push.markedAt() != null
                && push.markedAt().isAfter(now().minus(Duration.ofMillis(windowMs))))) {
            return null;
        }
        Batch batch = new Batch(UUID.randomUUID().toString(), channel, account, List.copyOf(pushes), upTo);
        OffsetDateTime now = now();
        for (Push push : pushes) {
            record(batch.batchId(), push.listing(), push.pushId(), push.quantity(), push.changeFrom(), "SENT", null,
                    push.markedAt(), now);
        }
        return batch;
    }

    /**
     * The batch with one more listing of the account told again, at its quantity of now, so that its body differs
     * from one the channel saw recently (Trendyol refuses a body identical to one of the last 15 minutes, which a
     * quantity that went down and back up again would send); the batch itself when the account lists nothing else.
     */
    @Transactional
    public Batch widen(Batch batch) {
        Set<String> told = new HashSet<>();
        batch.pushes().forEach(push -> told.add(push.listing().listingId()));
        for (String sku : inventory.listedSkus(batch.channel(), batch.account())) {
            for (Map.Entry<Listing, Integer> listing : inventory.toPublish(batch.channel(), batch.account(), sku)
                    .entrySet()) {
                if (told.contains(listing.getKey().listingId()) || listing.getKey().unpushable() != null) {
                    continue;
                }
                Push push = new Push(UUID.randomUUID().toString(), listing.getKey(), listing.getValue(),
                        level(listing.getKey()), null);
                record(batch.batchId(), push.listing(), push.pushId(), push.quantity(), push.changeFrom(), "SENT",
                        null, null, now());
                List<Push> pushes = new ArrayList<>(batch.pushes());
                pushes.add(push);
                return new Batch(batch.batchId(), batch.channel(), batch.account(), List.copyOf(pushes),
                        batch.upToSeq());
            }
        }
        return batch;
    }

    /**
     * The batch is not sent: the channel would refuse its quantities before {@code until} (Trendyol refuses a body
     * it took in the last 15 minutes, and an account with one listing has nothing to send beside it). Its pushes
     * fail with {@code why}, and each listing is not pushed that quantity again before {@code until}; its SKU stays
     * marked meanwhile, so a restart forgets nothing. Another quantity is not held.
     */
    @Transactional
    public void hold(Batch batch, Instant until, String why) {
        OffsetDateTime now = now();
        for (Push push : batch.pushes()) {
            held.put(key(push.listing()), new Held(push.quantity(), until));
            jdbc.update("UPDATE stock_pushes SET state = 'FAILED', detail = ?, updated_at = ? WHERE push_id = ?",
                    truncate("not sent before " + until + ": " + why), now, push.pushId());
            StockMarks.mark(jdbc, List.of(push.listing().masterSku()), push.markedAt() == null ? now : push.markedAt());
        }
        advance(batch.channel(), batch.account(), batch.upToSeq());
    }

    private boolean held(Listing listing, int quantity) {
        Held hold = held.get(key(listing));
        if (hold != null && !hold.until().isAfter(clock.instant())) {
            held.remove(key(listing), hold);
            return false;
        }
        return hold != null && hold.quantity() == quantity;
    }

    private static String key(Listing listing) {
        return listing.channel() + "|" + listing.account() + "|" + listing.listingId();
    }

    /**
     * A full push: every listing of the channel (every channel when null) is told again on the next round, whatever
     * the hub last knew it held. Answers how many listings are to be told.
     */
    @Transactional
    public int resync(String channel) {
        List<Object> args = channel == null ? List.of() : List.of(channel);
        String where = channel == null ? "" : " WHERE channel = ?";
        jdbc.update("DELETE FROM listing_levels" + where, args.toArray());
        StockMarks.mark(jdbc, jdbc.queryForList("SELECT DISTINCT master_sku FROM listings" + where, String.class,
                args.toArray()), now());
        Integer listings = jdbc.queryForObject("SELECT COUNT(*) FROM listings" + where
                + (channel == null ? " WHERE" : " AND") + " NOT fulfilled_by_channel", Integer.class, args.toArray());
        return listings == null ? 0 : listings;
    }

    /** Deletes the marks every publisher is past (routes/retention.yaml). */
    @Transactional
    public int forget() {
        Long oldest = jdbc.queryForObject("SELECT MIN(seq) FROM stock_publish_cursors", Long.class);
        return oldest == null ? 0 : StockMarks.forget(jdbc, oldest);
    }

    private void refused(Listing listing, int quantity, String why) {
        record(UUID.randomUUID().toString(), listing, UUID.randomUUID().toString(), quantity, null, "REFUSED", why,
                null, now());
        kept(listing.channel(), listing.account(), listing.listingId(), why);
    }

    /**
     * A listing the channel refused goes to the error store, one open entry per listing and reason, so it can be
     * replayed once its cause (a listing id, a channel setting) is mended: {@link #replay}.
     */
    private void kept(String channel, String account, String listingId, String why) {
        meters.counter("hub_stock_pushes_failed_total", "channel", channel).increment();
        errors.keep(channel, account, "stock", STAGE, why, json("channel", channel, "account", account, "listing",
                listingId));
    }

    /**
     * Replays an error-store entry of a refused listing: its SKU is told again on the next round. Answers what was
     * done, or throws when the listing is no longer known.
     */
    @Transactional
    public String replay(ErrorStore.ErrorEntry entry) {
        Map<String, String> refused = parse(entry.rawPayload());
        List<String> skus = jdbc.queryForList("""
                SELECT master_sku FROM listings WHERE channel = ? AND account = ? AND listing_id = ?""", String.class,
                refused.get("channel"), refused.get("account"), refused.get("listing"));
        if (skus.isEmpty()) {
            throw new IllegalArgumentException("no " + refused.get("channel") + " listing " + refused.get("listing")
                    + " of " + refused.get("account") + " is known any more (mappings/inventory/listings.csv)");
        }
        StockMarks.mark(jdbc, skus, now());
        String result = refused.get("channel") + " listing " + refused.get("listing") + " is told " + skus.get(0)
                + " again";
        errors.replaySucceeded(entry.errorId(), result);
        return result;
    }

    private void record(String batchId, Listing listing, String pushId, int quantity, Integer changeFrom, String state,
                        String detail, OffsetDateTime markedAt, OffsetDateTime now) {
        jdbc.update("""
                INSERT INTO stock_pushes (push_id, batch_id, channel, account, listing_id, quantity, change_from,
                    state, detail, marked_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                pushId, batchId, listing.channel(), listing.account(), listing.listingId(), quantity, changeFrom, state,
                truncate(detail), markedAt, now, now);
    }

    /** The channel took the batch: its levels are what was pushed, and the cursor moves past its marks. */
    @Transactional
    public void confirmed(Batch batch) {
        settled(batch, Map.of());
    }

    /**
     * The channel answered for each listing: those in {@code refused} (listing id, the channel's reason) it did not
     * take, and a retry would not change its mind; the others it holds now. The cursor moves past the batch.
     */
    @Transactional
    public void settled(Batch batch, Map<String, String> refused) {
        for (Push push : batch.pushes()) {
            answered(batch, push, refused.get(push.listing().listingId()));
        }
        passed(batch);
    }

    /**
     * The channel's answer to one push of a batch it takes one listing a call (Amazon): taken when {@code reason}
     * is null, refused for that reason otherwise. The cursor stays until {@link #passed}.
     */
    @Transactional
    public void answered(Batch batch, Push push, String reason) {
        OffsetDateTime now = now();
        if (reason != null) {
            jdbc.update("UPDATE stock_pushes SET state = 'REFUSED', detail = ?, updated_at = ? WHERE push_id = ?",
                    truncate(reason), now, push.pushId());
            kept(batch.channel(), batch.account(), push.listing().listingId(), reason);
            return;
        }
        jdbc.update("UPDATE stock_pushes SET state = 'CONFIRMED', updated_at = ? WHERE push_id = ?", now,
                push.pushId());
        level(batch.channel(), batch.account(), push.listing().listingId(), push.quantity(), now);
        synced(batch.channel(), push.markedAt(), now);
    }

    /** Every push of the batch has its answer: the cursor moves past the batch's marks. */
    @Transactional
    public void passed(Batch batch) {
        advance(batch.channel(), batch.account(), batch.upToSeq());
    }

    /**
     * As {@link #failed(Batch, String)}; a channel that answered 429 is not called again before its Retry-After
     * (a minute when it gives none), so the publisher does not use up the budget the account's other calls share.
     */
    @Transactional
    public void failed(Batch batch, Exception cause) {
        if (cause instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
            // header names come in any case (the JDK's server sends "Retry-after")
            String retryAfter = http.getResponseHeaders() == null ? null : http.getResponseHeaders().entrySet()
                    .stream().filter(h -> "Retry-After".equalsIgnoreCase(h.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            long seconds = retryAfter != null && retryAfter.strip().matches("\\d{1,5}")
                    ? Long.parseLong(retryAfter.strip()) : 60;
            pausedUntil.put(batch.channel() + "|" + batch.account(), clock.instant().plusSeconds(seconds));
        }
        failed(batch, cause.getMessage());
    }

    /**
     * The channel refused the batch or did not answer: it is computed and pushed again on the next round (the
     * pushes it answered already keep their answers).
     */
    @Transactional
    public void failed(Batch batch, String why) {
        OffsetDateTime now = now();
        for (Push push : batch.pushes()) {
            jdbc.update("""
                    UPDATE stock_pushes SET state = 'FAILED', detail = ?, updated_at = ? WHERE push_id = ?
                    AND state = 'SENT'""", truncate(why), now, push.pushId());
        }
        meters.counter("hub_stock_pushes_failed_total", "channel", batch.channel()).increment();
    }

    /**
     * An asynchronous channel took the batch under its own id (Trendyol's batchRequestId): the cursor moves on,
     * and each listing counts as told once the channel's result says so ({@link #results}).
     */
    @Transactional
    public void sent(Batch batch, String remoteId) {
        if (metered.add(batch.channel())) {
            Gauge.builder("hub_stock_results_pending", () -> jdbc.queryForObject("""
                    SELECT COUNT(*) FROM stock_pushes WHERE channel = ? AND state = 'SENT' AND remote_id IS NOT NULL""",
                    Integer.class, batch.channel())).description("Pushes the channel took whose results are still to "
                    + "be read").tag("channel", batch.channel()).register(meters);
        }
        jdbc.update("UPDATE stock_pushes SET remote_id = ?, updated_at = ? WHERE batch_id = ?", remoteId, now(),
                batch.batchId());
        advance(batch.channel(), batch.account(), batch.upToSeq());
    }

    /** The quantity of the listing's latest push whose result is still to come (an asynchronous channel's). */
    private Integer awaited(Listing listing) {
        return jdbc.queryForList("""
                SELECT quantity FROM stock_pushes WHERE channel = ? AND account = ? AND listing_id = ? AND state = 'SENT'
                AND remote_id IS NOT NULL ORDER BY created_at DESC LIMIT 1""", Integer.class, listing.channel(),
                listing.account(), listing.listingId()).stream().findFirst().orElse(null);
    }

    /**
     * The channel's batch ids whose results are still to be read, oldest first. A push still without its result
     * after {@code RESULTS_KEPT} (Trendyol keeps a batch's result four hours) is lost: it fails, and its SKU is
     * told again.
     */
    @Transactional
    public List<String> awaiting(String channel, String account) {
        for (String lost : jdbc.queryForList("""
                SELECT DISTINCT remote_id FROM stock_pushes WHERE channel = ? AND account = ? AND state = 'SENT'
                AND remote_id IS NOT NULL AND created_at < ?""", String.class, channel, account,
                now().minus(RESULTS_KEPT))) {
            resultsLost(lost, "no result within " + RESULTS_KEPT.toHours() + " hours");
        }
        return jdbc.queryForList("""
                SELECT remote_id FROM stock_pushes WHERE channel = ? AND account = ? AND state = 'SENT'
                AND remote_id IS NOT NULL GROUP BY remote_id ORDER BY MIN(created_at) LIMIT 50""", String.class,
                channel, account);
    }

    /**
     * The channel's result of a batch, per listing: null for a listing it applied, its reason for one it refused.
     * A result for an older push never overrides a newer one: the listing's level moves only when no later push of
     * it is confirmed already (a later one still under way sets its own level when its result comes).
     */
    @Transactional
    public void results(String remoteId, Map<String, String> outcomes) {
        OffsetDateTime now = now();
        List<Map<String, Object>> pushes = jdbc.queryForList("""
                SELECT push_id, channel, account, listing_id, quantity, marked_at, created_at FROM stock_pushes
                WHERE remote_id = ? AND state = 'SENT'""", remoteId);
        for (Map<String, Object> push : pushes) {
            String listingId = (String) push.get("listing_id");
            if (!outcomes.containsKey(listingId)) {
                continue;
            }
            String reason = outcomes.get(listingId);
            String channel = (String) push.get("channel");
            if (reason != null) {
                jdbc.update("UPDATE stock_pushes SET state = 'REFUSED', detail = ?, updated_at = ? WHERE push_id = ?",
                        truncate(reason), now, push.get("push_id"));
                kept(channel, (String) push.get("account"), listingId, reason);
                continue;
            }
            jdbc.update("UPDATE stock_pushes SET state = 'CONFIRMED', updated_at = ? WHERE push_id = ?", now,
                    push.get("push_id"));
            Integer newer = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM stock_pushes WHERE channel = ? AND account = ? AND listing_id = ?
                    AND created_at > ? AND state = 'CONFIRMED'""", Integer.class, channel,
                    push.get("account"), listingId, push.get("created_at"));
            if (newer != null && newer == 0) {
                level(channel, (String) push.get("account"), listingId, ((Number) push.get("quantity")).intValue(), now);
                synced(channel, push.get("marked_at"), now);
            }
        }
    }

    /** The listings of the pushes a channel took under its id whose results are still to come. */
    public List<String> listingsOf(String remoteId) {
        return jdbc.queryForList("SELECT listing_id FROM stock_pushes WHERE remote_id = ? AND state = 'SENT'",
                String.class, remoteId);
    }

    /** The channel will give no result for the batch it took (Amazon cancelled the feed): its SKUs are told again. */
    @Transactional
    public void resultsLost(String remoteId, String why) {
        List<String> skus = jdbc.queryForList("""
                SELECT DISTINCT l.master_sku FROM stock_pushes p JOIN listings l ON l.channel = p.channel
                AND l.account = p.account AND l.listing_id = p.listing_id WHERE p.remote_id = ? AND p.state = 'SENT'""",
                String.class, remoteId);
        jdbc.update("UPDATE stock_pushes SET state = 'FAILED', detail = ?, updated_at = ? WHERE remote_id = ? "
                + "AND state = 'SENT'", truncate(why), now(), remoteId);
        StockMarks.mark(jdbc, skus, now());
    }

    /**
     * A batch's whole result, when the channel lists only what it refused (Hepsiburada, n11): every other listing
     * of the batch was applied.
     */
    @Transactional
    public void resultsComplete(String remoteId, Map<String, String> refused) {
        Map<String, String> outcomes = new HashMap<>();
        jdbc.queryForList("SELECT listing_id FROM stock_pushes WHERE remote_id = ? AND state = 'SENT'", String.class,
                remoteId).forEach(listingId -> outcomes.put(listingId, refused.get(listingId)));
        results(remoteId, outcomes);
    }

    /**
     * The channel's quantities differed from what the hub last knew (a compare-and-set found them stale): they are
     * what the next round compares and sets from.
     */
    @Transactional
    public void stale(Batch batch, Map<String, Integer> actual) {
        OffsetDateTime now = now();
        for (Push push : batch.pushes()) {
            Integer quantity = actual.get(push.listing().listingId());
            jdbc.update("UPDATE stock_pushes SET state = 'STALE', detail = ?, updated_at = ? WHERE push_id = ?",
                    "the channel held " + quantity + ", not " + push.changeFrom(), now, push.pushId());
            if (quantity != null) {
                level(batch.channel(), batch.account(), push.listing().listingId(), quantity, now);
            }
        }
    }

    private void synced(String channel, Object markedAt, OffsetDateTime now) {
        OffsetDateTime marked = markedAt instanceof OffsetDateTime at ? at : markedAt instanceof java.sql.Timestamp t
                ? t.toInstant().atOffset(ZoneOffset.UTC) : null;
        if (marked != null) {
            Timer.builder("hub_stock_sync_seconds").description("From a stock change to the channel's confirmation")
                    .tag("channel", channel).publishPercentileHistogram().register(meters)
                    .record(Duration.between(marked, now));
        }
    }

    private Integer level(Listing listing) {
        Inventory.Level level = inventory.level(listing);
        return level == null ? null : level.quantity();
    }

    private void level(String channel, String account, String listingId, int quantity, OffsetDateTime at) {
        if (jdbc.update("""
                UPDATE listing_levels SET quantity = ?, confirmed_at = ? WHERE channel = ? AND account = ?
                AND listing_id = ?""", quantity, at, channel, account, listingId) == 0) {
            jdbc.update("""
                    INSERT INTO listing_levels (channel, account, listing_id, quantity, confirmed_at)
                    VALUES (?, ?, ?, ?, ?)""", channel, account, listingId, quantity, at);
        }
    }

    private Long cursor(String channel, String account) {
        return jdbc.queryForList("SELECT seq FROM stock_publish_cursors WHERE channel = ? AND account = ?", Long.class,
                channel, account).stream().findFirst().orElse(null);
    }

    private void advance(String channel, String account, long seq) {
        if (jdbc.update("UPDATE stock_publish_cursors SET seq = ?, updated_at = ? WHERE channel = ? AND account = ?",
                seq, now(), channel, account) == 0) {
            jdbc.update("INSERT INTO stock_publish_cursors (channel, account, seq, updated_at) VALUES (?, ?, ?, ?)",
                    channel, account, seq, now());
        }
    }

    private static String json(String... pairs) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String payload) {
        try {
            return JSON.readValue(payload, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the entry holds no refused listing: " + e.getOriginalMessage(), e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
