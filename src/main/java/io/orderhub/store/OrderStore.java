package io.orderhub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Fulfillment;
import io.orderhub.canonical.HistoryEntry;
import io.orderhub.canonical.OrderIds;
import io.orderhub.canonical.OrderLine;
import io.orderhub.lifecycle.DeliveryPlan;
import io.orderhub.lifecycle.Destination;
import io.orderhub.lifecycle.Hold;
import io.orderhub.lifecycle.Lifecycle;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.lifecycle.StatusUpdate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Orders, their lifecycle history and their delivery schedule. Every change to an order (its row, the history
 * entry saying why, and the deliveries it triggers) is one transaction, so a source is acknowledged, and a
 * delivery published, only for what is durably here.
 */
public class OrderStore {

    private static final String HELD_BY_RULE = "held by rule ";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final DeliveryPlan plan;
    private final Clock clock;
    private final FulfillmentPlanning planning;
    private final StoreEvents events;

    public OrderStore(JdbcTemplate jdbc, ObjectMapper json, DeliveryPlan plan, Clock clock) {
        this(jdbc, json, plan, clock, FulfillmentPlanning.NONE, StoreEvents.NONE);
    }

    public OrderStore(JdbcTemplate jdbc, ObjectMapper json, DeliveryPlan plan, Clock clock,
                      FulfillmentPlanning planning, StoreEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.plan = plan;
        this.clock = clock;
        this.planning = planning;
        this.events = events;
    }

    /**
     * Stores an order seen on a channel: new orders are created, the same content again changes nothing, an older
     * version is ignored, and a newer one becomes an update whose channel status moves the lifecycle on when the
     * lifecycle allows it.
     */
    @Transactional
    public IntakeResult accept(CanonicalOrder incoming, String raw, String source) {
        return accept(incoming, raw, source, List.of());
    }

    /**
     * As {@link #accept(CanonicalOrder, String, String)}, with the screening rules that fired on it: a new order that
     * fired any is stored ON_HOLD instead of NEW or CONFIRMED (so nothing is sent anywhere), with the rules in its
     * history, until it is released. Updates of an existing order are not screened again.
     */
    @Transactional
    public IntakeResult accept(CanonicalOrder incoming, String raw, String source, List<Hold> holds) {
        OffsetDateTime now = now();
        String rawHash = raw == null ? null : archiveRaw(incoming.channel(), raw, now);
        String contentHash = OrderIds.sha256(write(incoming.withState(incoming.status(), incoming.fulfillment(), null)));
        String who = source == null ? incoming.channel() : incoming.channel() + "/" + source;

        Optional<StoredOrder> existing = lockOrder(incoming.orderId());
        if (existing.isEmpty()) {
            boolean held = !holds.isEmpty()
                    && (incoming.status() == OrderStatus.NEW || incoming.status() == OrderStatus.CONFIRMED);
            OrderStatus status = held ? OrderStatus.ON_HOLD : incoming.status();
            CanonicalOrder toStore = incoming.withState(status, incoming.fulfillmentOrNone(), null);
            int inserted = jdbc.update("""
                    INSERT INTO orders (order_id, channel, account, channel_order_id, order_number, status, revision,
                        content_hash, channel_updated_at, canonical_json, raw_hash, created_at, updated_at, customer_email)
                    VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    incoming.orderId(), incoming.channel(), incoming.account(), incoming.channelOrderId(),
                    incoming.orderNumber(), status.name(), contentHash, utc(incoming.updatedAt()),
                    write(toStore), rawHash, now, now, customerKey(incoming));
            if (inserted == 1) {
                String detail = held ? HELD_BY_RULE + holds.stream().map(Hold::toString).collect(Collectors.joining("; "))
                        + " (the channel says " + incoming.status() + ")" : "received from " + incoming.channel();
                // allocated only once the insert won: a concurrent intake of the same order reserves nothing
                Settled settled = settle(toStore, null, true);
                if (settled.order() != toStore) {
                    toStore = settled.order();
                    status = toStore.status();
                    detail = join(detail, settled.note());
                    jdbc.update("UPDATE orders SET status = ?, canonical_json = ? WHERE order_id = ?",
                            status.name(), write(toStore), incoming.orderId());
                }
                recordHistory(incoming.orderId(), 1, null, status, true, who, detail, now);
                markStock(toStore, now);
                List<DeliveryRef> deliveries = schedule(toStore, 1, null, true, true, now);
                return new IntakeResult(incoming.orderId(), IntakeResult.Outcome.CREATED, status, 1,
                        held ? detail : null, deliveries);
            }
            // Another intake created it between our lookup and insert: continue as an update of that row.
            existing = lockOrder(incoming.orderId());
        }
        return update(existing.orElseThrow(), incoming, contentHash, rawHash, who, now);
    }

    private IntakeResult update(StoredOrder stored, CanonicalOrder incoming, String contentHash, String rawHash,
                                String who, OffsetDateTime now) {
        if (stored.contentHash().equals(contentHash)) {
            return new IntakeResult(stored.orderId(), IntakeResult.Outcome.DUPLICATE, stored.status(),
                    stored.revision(), "same content as revision " + stored.revision(), List.of());
        }
        if (incoming.updatedAt() != null && stored.channelUpdatedAt() != null
                && incoming.updatedAt().isBefore(stored.channelUpdatedAt())) {
            return new IntakeResult(stored.orderId(), IntakeResult.Outcome.STALE, stored.status(), stored.revision(),
                    "channel updated_at " + incoming.updatedAt() + " is older than the stored "
                            + stored.channelUpdatedAt(), List.of());
        }
        CanonicalOrder current = read(stored.canonicalJson());
        int revision = stored.revision() + 1;
        OrderStatus status = stored.status();
        // the channel owns what the buyer did and what it shipped itself: its word counts whatever the hub had
        Lifecycle.Decision decision = Lifecycle.decideForChannel(stored.status(), incoming.status());
        String note;
        if (stored.status() == OrderStatus.ON_HOLD && incoming.status() != OrderStatus.CANCELED
                && !Lifecycle.leftBeforeShipping(stored.status(), incoming.status())
                && heldByRule(stored.orderId())) {
            // a screening hold is lifted by a person (release), not by the channel's next update; a cancel, or the
            // channel shipping the order itself, still counts
            note = "updated by " + incoming.channel() + " (status " + incoming.status() + "); on hold until released";
        } else if (decision.allowed()) {
            status = incoming.status();
            note = "updated by " + incoming.channel() + ", status " + stored.status() + " -> " + status;
        } else if (decision.refused() && !channelIsBehind(stored.status(), incoming.status())) {
            recordHistory(stored.orderId(), stored.revision(), stored.status(), incoming.status(), false, who,
                    decision.reason(), now);
            note = "updated by " + incoming.channel() + "; status change refused: " + decision.reason();
        } else {
            note = "updated by " + incoming.channel();
        }
        Fulfillment fulfillment = mergeFulfillment(current.fulfillment(), incoming.fulfillment(),
                Lifecycle.leftBeforeShipping(stored.status(), status));
        CanonicalOrder toStore = carryOver(current, incoming.withState(status, fulfillment, null));
        Settled settled = settle(toStore, stored.status(), true);
        toStore = settled.order();
        status = toStore.status();
        note = join(note, settled.note());
        if (Lifecycle.leftBeforeShipping(stored.status(), status)) {
            note = join(note, "fulfilled by the channel" + (fulfillment.trackingNumbers().isEmpty() ? ""
                    : " (" + (fulfillment.carrier() == null ? "" : fulfillment.carrier() + " ")
                    + String.join(", ", fulfillment.trackingNumbers()) + ")")
                    + (stored.status().isAtWarehouse() ? "; the warehouse is told to stop" : ""));
        }
        jdbc.update("""
                UPDATE orders SET order_number = ?, status = ?, revision = ?, content_hash = ?, channel_updated_at = ?,
                    canonical_json = ?, raw_hash = COALESCE(?, raw_hash), updated_at = ? WHERE order_id = ?""",
                incoming.orderNumber(), status.name(), revision, contentHash, utc(incoming.updatedAt()),
                write(toStore), rawHash, now, stored.orderId());
        recordHistory(stored.orderId(), revision, stored.status(), status, true, who, note, now);
        markStock(toStore, now);
        List<DeliveryRef> deliveries = schedule(toStore, revision, stored.status(), true, true, now);
        return new IntakeResult(stored.orderId(), IntakeResult.Outcome.UPDATED, status, revision, note, deliveries);
    }

    /** Whether the order's hold came from the hub's screening rules rather than from its channel. */
    private boolean heldByRule(String orderId) {
        return jdbc.queryForList("""
                SELECT detail FROM order_history WHERE order_id = ? AND accepted = TRUE AND to_status = 'ON_HOLD'
                ORDER BY id DESC LIMIT 1""", String.class, orderId).stream()
                .anyMatch(detail -> detail != null && detail.startsWith(HELD_BY_RULE));
    }

    /**
     * A channel that still shows an earlier step of the main path (paid, while the warehouse is picking) is
     * behind the hub, not asking to go back: that is not worth a refused entry on every poll.
     */
    private static boolean channelIsBehind(OrderStatus hub, OrderStatus channel) {
        List<OrderStatus> path = List.of(OrderStatus.NEW, OrderStatus.CONFIRMED, OrderStatus.PICKING,
                OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        int h = path.indexOf(hub);
        int c = path.indexOf(channel);
        return h >= 0 && c >= 0 && c < h;
    }

    private static Fulfillment mergeFulfillment(Fulfillment hub, Fulfillment channel, boolean channelShipped) {
        if (channel == null) {
            return hub == null ? Fulfillment.NONE : hub;
        }
        if (hub == null) {
            return channel;
        }
        // an order the channel shipped itself went with the channel's carrier, not the one the hub chose
        Fulfillment merged = !channelShipped || channel.carrier() == null ? hub : hub.withCarrier(channel.carrier(),
                channel.service() != null ? channel.service() : hub.service());
        for (String number : channel.trackingNumbers()) {
            merged = merged.withTracking(number, null);
        }
        return merged;
    }

    /**
     * Moves an order as the lifecycle allows; a refused move is recorded with its reason and changes nothing else.
     * A confirmation allocates stock (or leaves the order BACKORDERED); SHIPPED from one warehouse of a split order
     * is recorded, and the order ships when the last of them has; the same status again with something new (a
     * tracking number, a carrier's scan) is recorded without a move.
     */
    @Transactional
    public TransitionResult applyStatus(String orderId, StatusUpdate update) {
        return apply(orderId, update, false);
    }

    /**
     * A move the order's own channel reports outside its order list (a marketplace's return claim): the channel's
     * facts count from any earlier state (README "Who owns which transition"), and nothing is told back to it.
     */
    @Transactional
    public TransitionResult applyChannelStatus(String orderId, StatusUpdate update) {
        return apply(orderId, update, true);
    }

    /** The orders of the channel account with this order number (a marketplace order split into packages). */
    public List<CanonicalOrder> byOrderNumber(String channel, String account, String orderNumber) {
        return jdbc.query("SELECT canonical_json FROM orders WHERE channel = ? AND account = ? AND order_number = ?",
                (rs, i) -> read(rs.getString(1)), channel, account, orderNumber);
    }

    private TransitionResult apply(String orderId, StatusUpdate update, boolean byChannel) {
        OffsetDateTime now = now();
        StoredOrder stored = lockOrder(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        CanonicalOrder current = read(stored.canonicalJson());
        Fulfillment fulfillment = current.fulfillmentOrNone();
        Fulfillment updated = fulfillment.withTracking(update.trackingNumber(), update.carrier());
        Lifecycle.Decision decision = byChannel ? Lifecycle.decideForChannel(stored.status(), update.status())
                : Lifecycle.decide(stored.status(), update.status());
        String source = update.source() == null || update.source().isBlank() ? "api" : update.source();

        if (decision.refused()) {
            recordHistory(orderId, stored.revision(), stored.status(), update.status(), false, source,
                    decision.reason(), now);
            return new TransitionResult(orderId, TransitionResult.Outcome.REFUSED, stored.status(),
                    stored.revision(), decision.reason(), List.of());
        }
        String detail = update.detail();
        OrderStatus target = update.status();
        CanonicalOrder moved = current.withState(target, updated, null);
        if (decision.allowed() && target == OrderStatus.SHIPPED) {
            moved = shortShipped(moved, update.lines());
            detail = join(detail, shortShippedNote(moved, update.lines()));
            FulfillmentPlanning.Shipped shipped = planning.ship(orderId, update.warehouse());
            if (!shipped.remaining().isEmpty()) {
                // one part of a split order: recorded, and the order ships when the last part has
                target = stored.status();
                moved = moved.withState(target, updated, null);
                detail = join(detail, "shipped from " + update.warehouse() + "; still to ship from "
                        + String.join(", ", shipped.remaining()));
                if (!shipped.changed() && updated.equals(fulfillment)) {
                    return unchanged(stored, "part from " + update.warehouse() + " already shipped");
                }
            }
        } else if (decision.allowed()) {
            Settled settled = settle(moved, stored.status(), false);
            if (settled.order().status() == stored.status()) {
                return unchanged(stored, join("still " + stored.status(), settled.note()));
            }
            moved = settled.order();
            target = moved.status();
            detail = join(detail, settled.note());
        }
        if (update.trackingNumber() != null && !update.trackingNumber().isBlank()
                && !fulfillment.trackingNumbers().contains(update.trackingNumber())) {
            detail = join(detail, "tracking " + update.trackingNumber());
        }
        if (!decision.allowed() && updated.equals(fulfillment)
                && (detail == null || isRecorded(orderId, target, source, detail))) {
            return unchanged(stored, "already " + stored.status());
        }
        int revision = stored.revision() + 1;
        jdbc.update("UPDATE orders SET status = ?, revision = ?, canonical_json = ?, updated_at = ? WHERE order_id = ?",
                target.name(), revision, write(moved), now, orderId);
        recordHistory(orderId, revision, stored.status(), target, true, source, detail, now);
        markStock(moved, now);
        List<DeliveryRef> deliveries = schedule(moved, revision, stored.status(), false, byChannel, now);
        return new TransitionResult(orderId, TransitionResult.Outcome.TRANSITIONED, target, revision, null,
                deliveries);
    }

    /** Records the carrier's label for the order: its tracking numbers and label reference. */
    @Transactional
    public TransitionResult recordLabel(String orderId, String carrier, List<String> trackingNumbers, String labelRef) {
        StoredOrder stored = lockOrder(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        CanonicalOrder current = read(stored.canonicalJson());
        Fulfillment labeled = current.fulfillmentOrNone().withLabel(labelRef);
        for (String number : trackingNumbers) {
            labeled = labeled.withTracking(number, null);
        }
        if (labeled.equals(current.fulfillmentOrNone())) {
            return unchanged(stored, "label " + labelRef + " already recorded");
        }
        return recordFulfillment(stored, current, labeled, carrier,
                "label " + labelRef + ", tracking " + String.join(", ", trackingNumbers));
    }

    /** The carrier made the order's return label: recorded on the order, and told as a change of it. */
    @Transactional
    public TransitionResult recordReturnLabel(String orderId, String carrier, String trackingNumber, String labelRef) {
        StoredOrder stored = lockOrder(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        CanonicalOrder current = read(stored.canonicalJson());
        Fulfillment labeled = current.fulfillmentOrNone().withReturnLabel(labelRef, trackingNumber);
        if (labeled.equals(current.fulfillmentOrNone())) {
            return unchanged(stored, "return label " + labelRef + " already recorded");
        }
        return recordFulfillment(stored, current, labeled, carrier,
                "return label " + labelRef + ", tracking " + trackingNumber);
    }

    /** The carrier voided the order's label: the order has none now, and its history says so. */
    @Transactional
    public TransitionResult recordLabelVoided(String orderId, String carrier, String labelRef) {
        StoredOrder stored = lockOrder(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        CanonicalOrder current = read(stored.canonicalJson());
        if (!labelRef.equals(current.fulfillmentOrNone().labelRef())) {
            return unchanged(stored, "label " + labelRef + " is not the order's label");
        }
        return recordFulfillment(stored, current, current.fulfillmentOrNone().withLabel(null), carrier,
                "label " + labelRef + " voided");
    }

    /** A carrier changed the order's fulfillment (a label made or voided): a new revision in the same status. */
    private TransitionResult recordFulfillment(StoredOrder stored, CanonicalOrder current, Fulfillment changed,
                                               String carrier, String note) {
        OffsetDateTime now = now();
        int revision = stored.revision() + 1;
        CanonicalOrder order = current.withState(stored.status(), changed, null);
        jdbc.update("""
                UPDATE orders SET revision = ?, canonical_json = ?, updated_at = ?, label_carrier = ? WHERE order_id = ?""",
                revision, write(order), now, changed.labelRef() == null ? null : carrier, order.orderId());
        recordHistory(order.orderId(), revision, stored.status(), stored.status(), true, carrier, note, now);
        List<DeliveryRef> deliveries = schedule(order, revision, stored.status(), false, false, now);
        return new TransitionResult(order.orderId(), TransitionResult.Outcome.TRANSITIONED, stored.status(), revision,
                null, deliveries);
    }

    /** The order's lines as the SKU cross reference now resolves them (before a release); not a change of the order. */
    @Transactional
    public void replaceLines(String orderId, List<OrderLine> lines) {
        StoredOrder stored = lockOrder(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        jdbc.update("UPDATE orders SET canonical_json = ? WHERE order_id = ?",
                write(read(stored.canonicalJson()).withLines(lines)), orderId);
    }

    /** SHIPPED orders whose label this carrier holds, least recently changed first: what its tracking poll asks. */
    public List<String> shippedWithLabelOf(String carrier, int limit) {
        return jdbc.queryForList("""
                SELECT order_id FROM orders WHERE label_carrier = ? AND status = 'SHIPPED' ORDER BY updated_at LIMIT ?""",
                String.class, carrier, limit);
    }

    /** Orders waiting for stock, oldest first: what a new stock snapshot tries to allocate again. */
    public List<String> backordered(int limit) {
        return jdbc.queryForList("SELECT order_id FROM orders WHERE status = 'BACKORDERED' ORDER BY updated_at LIMIT ?",
                String.class, limit);
    }

    /** How many orders the customer placed since {@code since}: what the velocity hold looks at. */
    public int ordersOfCustomerSince(CanonicalOrder order, Instant since) {
        String key = customerKey(order);
        if (key == null) {
            return 0;
        }
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE customer_email = ? AND created_at >= ?",
                Integer.class, key, utc(since));
        return count == null ? 0 : count;
    }

    private static String customerKey(CanonicalOrder order) {
        return order.customer() == null || order.customer().email() == null || order.customer().email().isBlank()
                ? null : order.customer().email().strip().toLowerCase(Locale.ROOT);
    }

    private TransitionResult unchanged(StoredOrder stored, String why) {
        return new TransitionResult(stored.orderId(), TransitionResult.Outcome.UNCHANGED, stored.status(),
                stored.revision(), why, List.of());
    }

    private boolean isRecorded(String orderId, OrderStatus status, String source, String detail) {
        Integer count = jdbc.queryForObject("""
                SELECT COUNT(*) FROM order_history WHERE order_id = ? AND to_status = ? AND source = ? AND detail = ?""",
                Integer.class, orderId, status.name(), source, truncate(detail, 2000));
        return count != null && count > 0;
    }

    /**
     * What the store adds when an order becomes {@code order.status()}: a confirmation allocates stock and chooses the
     * carrier (or backorders the order), a cancellation gives its stock back. {@code note} says why an order was
     * backordered, for the history entry (null otherwise).
     */
    private Settled settle(CanonicalOrder order, OrderStatus before, boolean contentChanged) {
        boolean confirming = order.status() == OrderStatus.CONFIRMED
                && (before != OrderStatus.CONFIRMED || contentChanged);
        if (confirming && !order.fulfillmentOrNone().shippedByChannel()) {
            FulfillmentPlanning.Planned planned = planning.confirm(order);
            if (planned.backordered()) {
                return new Settled(planned.order().withState(OrderStatus.BACKORDERED, order.fulfillment(), null),
                        "backordered: " + planned.backorderReason());
            }
            return new Settled(planned.order(), null);
        }
        if ((order.status() == OrderStatus.CANCELED && before != OrderStatus.CANCELED)
                || Lifecycle.leftBeforeShipping(before, order.status())) {
            // canceled, or shipped by the channel from elsewhere: nothing of it leaves the hub's warehouses
            planning.release(order.orderId());
        }
        return new Settled(order, null);
    }

    private record Settled(CanonicalOrder order, String note) {
    }

    /** A stored or moved order changes its SKUs' reservations or demand: the channels are to be told. */
    private void markStock(CanonicalOrder order, OffsetDateTime now) {
        StockMarks.mark(jdbc, order.lines().stream().map(OrderLine::stockSku).toList(), now);
    }

    /** The channel's new version of an order keeps what the hub added to its lines (warehouse, shipped quantity). */
    private static CanonicalOrder carryOver(CanonicalOrder current, CanonicalOrder incoming) {
        Map<String, OrderLine> before = current.lines().stream()
                .collect(Collectors.toMap(OrderLine::lineId, l -> l, (a, b) -> a));
        return incoming.withLines(incoming.lines().stream().map(line -> {
            OrderLine old = before.get(line.lineId());
            return old == null ? line : line.withWarehouse(old.warehouse()).withShippedQuantity(old.shippedQuantity());
        }).toList());
    }

    private static CanonicalOrder shortShipped(CanonicalOrder order, List<StatusUpdate.ShippedLine> shipped) {
        if (shipped.isEmpty()) {
            return order;
        }
        Map<String, Integer> quantities = shipped.stream()
                .collect(Collectors.toMap(StatusUpdate.ShippedLine::lineId, StatusUpdate.ShippedLine::quantity, (a, b) -> b));
        return order.withLines(order.lines().stream().map(line -> quantities.containsKey(line.lineId())
                ? line.withShippedQuantity(quantities.get(line.lineId())) : line).toList());
    }

    private static String shortShippedNote(CanonicalOrder order, List<StatusUpdate.ShippedLine> shipped) {
        List<String> short_ = order.lines().stream()
                .filter(l -> l.shippedQuantity() != null && l.shippedQuantity() < l.quantity())
                .filter(l -> shipped.stream().anyMatch(s -> s.lineId().equals(l.lineId())))
                .map(l -> "line " + l.lineId() + " (" + l.stockSku() + ") " + l.shippedQuantity() + " of " + l.quantity())
                .toList();
        return short_.isEmpty() ? null : "short-shipped " + String.join(", ", short_);
    }

    private static String join(String first, String second) {
        if (second == null || second.isBlank()) {
            return first;
        }
        return first == null || first.isBlank() ? second : first + "; " + second;
    }

    /** Whether no order with this id is stored yet. */
    public boolean isNew(String orderId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE order_id = ?", Integer.class, orderId);
        return count == null || count == 0;
    }

    public Optional<CanonicalOrder> find(String orderId) {
        return jdbc.query("SELECT canonical_json FROM orders WHERE order_id = ?",
                        (rs, i) -> rs.getString(1), orderId).stream().findFirst()
                .map(this::read)
                .map(o -> o.withState(o.status(), o.fulfillment(), history(orderId)));
    }

    /** The stored canonical JSON, without history, as it is now. */
    public String canonicalJson(String orderId) {
        return jdbc.query("SELECT canonical_json FROM orders WHERE order_id = ?", (rs, i) -> rs.getString(1), orderId)
                .stream().findFirst().orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * The canonical JSON as it was at this revision: what the deliveries of that revision send, on every attempt,
     * whatever the order became since. (The order as it is now for a revision kept before there were snapshots.)
     */
    public String canonicalJsonAt(String orderId, int revision) {
        return jdbc.query("SELECT canonical_json FROM order_revisions WHERE order_id = ? AND revision = ?",
                (rs, i) -> rs.getString(1), orderId, revision).stream().findFirst()
                .orElseGet(() -> canonicalJson(orderId));
    }

    /** The channel's own payload the stored version of the order was made from, if it was archived. */
    public Optional<String> nativePayload(String orderId) {
        return jdbc.query("""
                SELECT r.body FROM orders o JOIN raw_payloads r ON r.hash = o.raw_hash WHERE o.order_id = ?""",
                (rs, i) -> rs.getString(1), orderId).stream().findFirst();
    }

    public List<String> lookup(String channel, String account, String channelOrderId) {
        if (account != null) {
            return jdbc.queryForList("SELECT order_id FROM orders WHERE channel = ? AND account = ? AND channel_order_id = ?",
                    String.class, channel, account, channelOrderId);
        }
        return jdbc.queryForList("SELECT order_id FROM orders WHERE channel = ? AND channel_order_id = ? ORDER BY created_at",
                String.class, channel, channelOrderId);
    }

    public OrderPage list(OrderStatus status, String channel, int page, int size) {
        return list(new OrderSearch(status, channel, null, null, null, null), page, size);
    }

    /**
     * What an operator searches by. {@code text}: the hub's order id, the channel's id or the order number (with
     * or without Shopify's leading '#'); {@code email}: the customer's; {@code since}/{@code until}: when the hub
     * received the order. A null field is "any".
     */
    public record OrderSearch(OrderStatus status, String channel, String text, String email, Instant since,
                              Instant until) {
    }

    public OrderPage list(OrderSearch search, int page, int size) {
        String text = search.text() == null || search.text().isBlank() ? null : search.text().strip();
        Where where = new Where().eq("status", search.status()).eq("channel", search.channel())
                .anyEq(List.of("order_id", "channel_order_id", "order_number"),
                        text == null ? List.of() : List.of(text, text.startsWith("#") ? text.substring(1) : "#" + text))
                .eq("customer_email", search.email() == null || search.email().isBlank() ? null
                        : search.email().strip().toLowerCase(Locale.ROOT))
                .atLeast("created_at", utc(search.since()))
                .before("created_at", utc(search.until()));
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM orders" + where.sql(), Long.class, where.args());
        List<CanonicalOrder> items = jdbc.query("SELECT canonical_json FROM orders" + where.sql()
                        + " ORDER BY updated_at DESC, order_id LIMIT ? OFFSET ?",
                (rs, i) -> read(rs.getString(1)), where.pageArgs(page, size));
        return new OrderPage(items, total == null ? 0 : total);
    }

    public List<HistoryEntry> history(String orderId) {
        return jdbc.query("""
                SELECT to_status, from_status, at, source, detail, accepted, revision FROM order_history
                WHERE order_id = ? ORDER BY id""", HISTORY, orderId);
    }

    /** The accepted history entry that made this revision: what a lifecycle event reports. */
    public Optional<HistoryEntry> historyAt(String orderId, int revision) {
        return jdbc.query("""
                SELECT to_status, from_status, at, source, detail, accepted, revision FROM order_history
                WHERE order_id = ? AND revision = ? AND accepted = TRUE ORDER BY id DESC""", HISTORY, orderId, revision)
                .stream().findFirst();
    }

    /** The change that made this revision; a delivery always has one, so its absence is a bug, not a state. */
    public HistoryEntry changeAt(String orderId, int revision) {
        return historyAt(orderId, revision).orElseThrow(() ->
                new IllegalStateException("order " + orderId + " has no accepted revision " + revision));
    }

    private static final RowMapper<HistoryEntry> HISTORY = (rs, i) -> new HistoryEntry(
            OrderStatus.valueOf(rs.getString(1)),
            rs.getString(2) == null ? null : OrderStatus.valueOf(rs.getString(2)),
            instant(rs, 3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getInt(7));

    private Optional<StoredOrder> lockOrder(String orderId) {
        return jdbc.query("""
                SELECT order_id, status, revision, content_hash, channel_updated_at, canonical_json
                FROM orders WHERE order_id = ? FOR UPDATE""",
                (rs, i) -> new StoredOrder(rs.getString(1), OrderStatus.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getString(4), instant(rs, 5), rs.getString(6)), orderId).stream().findFirst();
    }

    private String archiveRaw(String channel, String raw, OffsetDateTime now) {
        String hash = OrderIds.sha256(raw);
        jdbc.update("""
                INSERT INTO raw_payloads (hash, channel, content_type, body, received_at)
                VALUES (?, ?, 'application/json', ?, ?) ON CONFLICT DO NOTHING""", hash, channel, raw, now);
        return hash;
    }

    private void recordHistory(String orderId, int revision, OrderStatus from, OrderStatus to, boolean accepted,
                               String source, String detail, OffsetDateTime at) {
        jdbc.update("""
                INSERT INTO order_history (order_id, revision, from_status, to_status, accepted, source, detail, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", orderId, revision, from == null ? null : from.name(), to.name(),
                accepted, source, truncate(detail, 2000), at);
    }

    /** Schedules what the change of {@code order} (as stored now) implies; {@code fromChannel}: its channel reported it. */
    private List<DeliveryRef> schedule(CanonicalOrder order, int revision, OrderStatus before, boolean contentChanged,
                                       boolean fromChannel, OffsetDateTime now) {
        String orderId = order.orderId();
        StoreEvents.afterCommit(() -> events.orderChanged(order, before));
        boolean shippedByChannel = order.fulfillment() != null && order.fulfillment().shippedByChannel();
        List<DeliveryRef> refs = new ArrayList<>();
        List<Destination> destinations = plan.forChange(new DeliveryPlan.Change(order.channel(), before, order.status(),
                contentChanged, fromChannel, shippedByChannel));
        if (!destinations.isEmpty()) {
            // what this revision's deliveries send, fixed now (canonicalJsonAt)
            jdbc.update("""
                    INSERT INTO order_revisions (order_id, revision, canonical_json) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", orderId, revision, write(order));
        }
        for (Destination destination : destinations) {
            if (destination == Destination.CARRIER && order.fulfillmentOrNone().carrier() == null) {
                continue; // nothing allocated (allocation off): no carrier was chosen, no shipment to create
            }
            DeliveryRef ref = DeliveryRef.schedule(orderId, destination, revision);
            int inserted = jdbc.update("""
                    INSERT INTO deliveries (idempotency_key, order_id, destination, revision, status, attempts,
                        created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING""",
                    ref.key(), orderId, destination.name(), revision, now, now);
            if (inserted == 0) { // scheduled before: the key it has
                ref = new DeliveryRef(jdbc.queryForObject("""
                        SELECT idempotency_key FROM deliveries WHERE order_id = ? AND destination = ? AND revision = ?""",
                        String.class, orderId, destination.name(), revision), orderId, destination, revision);
            }
            refs.add(ref);
        }
        return refs;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private String write(CanonicalOrder order) {
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical order cannot be written as JSON", e);
        }
    }

    private CanonicalOrder read(String canonical) {
        try {
            return json.readValue(canonical, CanonicalOrder.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical order cannot be read", e);
        }
    }

    private record StoredOrder(String orderId, OrderStatus status, int revision, String contentHash,
                               Instant channelUpdatedAt, String canonicalJson) {
    }

    public record OrderPage(List<CanonicalOrder> items, long total) {
    }
}
