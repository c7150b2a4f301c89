package io.orderhub.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Fulfillment;
import io.orderhub.canonical.OrderLine;
import io.orderhub.lifecycle.Destination;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.store.DeliveryRef;
import io.orderhub.store.IntakeResult;
import io.orderhub.store.OrderStore;
import io.orderhub.store.StoreEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The KPIs an OMS is judged by, in /actuator/prometheus (README "Operations", "KPIs"):
 * <ul>
 *   <li>{@code hub_orders_received_total{channel,outcome}}: every order intake, by what the store made of it;</li>
 *   <li>{@code hub_order_errors_total{channel,stage}}: new error-store entries, so the error rate is their rate over
 *   the intake's;</li>
 *   <li>{@code hub_channel_sync_lag_seconds{channel,source}}: from the channel's {@code updated_at} to stored, for
 *   every new order and change (a poller's lag, a webhook's delay);</li>
 *   <li>{@code hub_order_processing_seconds{channel,from}}: to the warehouse's acceptance of the order's first
 *   fulfillment request, {@code from} the channel's order time ({@code placed}) or the hub's intake
 *   ({@code intake});</li>
 *   <li>{@code hub_order_fulfillment_confirmed_total{channel,warehouse}} and
 *   {@code hub_order_fulfillment_shipped_total{channel,warehouse,complete,on_time}}: the fulfilment rate is the
 *   shipped complete and on time over the confirmed. On time: by the order's requested delivery time when it has
 *   one (B2B, EDI), else within {@code hub.kpi.ship-within} of being placed.</li>
 * </ul>
 */
public class OrderKpis implements StoreEvents {

    private static final Logger LOG = LoggerFactory.getLogger(OrderKpis.class);

    private static final Duration[] SYNC_BUCKETS = seconds(1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 21600, 86400);
    private static final Duration[] PROCESSING_BUCKETS = seconds(1, 5, 15, 60, 300, 900, 3600, 14400, 43200, 86400,
            259200);

    private final MeterRegistry meters;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration shipWithin;
    private final ChannelSync sync;

    public OrderKpis(MeterRegistry meters, JdbcTemplate jdbc, ObjectMapper json, Clock clock, Duration shipWithin,
                     ChannelSync sync) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.shipWithin = shipWithin;
        this.sync = sync;
    }

    /** What accept-order made of an order a channel sent (routes/accept-order.yaml). */
    public void received(IntakeResult result, CanonicalOrder incoming, String source) {
        meters.counter("hub.orders.received", "channel", incoming.channel(), "outcome", result.outcome().name())
                .increment();
        boolean changed = result.outcome() == IntakeResult.Outcome.CREATED
                || result.outcome() == IntakeResult.Outcome.UPDATED;
        if (!changed) {
            return;
        }
        Instant now = Instant.now(clock);
        Duration lag = incoming.updatedAt() == null ? null : positive(Duration.between(incoming.updatedAt(), now));
        if (lag != null) {
            Timer.builder("hub.channel.sync.lag").description("from the channel's updated_at to stored")
                    .tags("channel", incoming.channel(), "source", source == null ? "unknown" : source)
                    .serviceLevelObjectives(SYNC_BUCKETS).register(meters).record(lag);
        }
        sync.stored(incoming.channel(), now, lag);
    }

    @Override
    public void orderChanged(CanonicalOrder order, OrderStatus before) {
        OrderStatus now = order.status();
        if (now == before) {
            return;
        }
        if (now == OrderStatus.CONFIRMED && (before == null || before == OrderStatus.NEW
                || before == OrderStatus.ON_HOLD || before == OrderStatus.BACKORDERED)) {
            meters.counter("hub.order.fulfillment.confirmed", "channel", order.channel(),
                    "warehouse", warehouse(order)).increment();
        } else if (now == OrderStatus.SHIPPED && before != null && before.isAtWarehouse()
                && !order.fulfillmentOrNone().shippedByChannel()) {
            meters.counter("hub.order.fulfillment.shipped", "channel", order.channel(), "warehouse", warehouse(order),
                    "complete", String.valueOf(complete(order)), "on_time", onTime(order)).increment();
        }
    }

    @Override
    public void errorKept(String channel, String stage) {
        meters.counter("hub.order.errors", "channel", channel, "stage", stage).increment();
    }

    /**
     * The warehouse accepted a delivery (routes/delivery-template.yaml); measured for the order's first one, the
     * fulfillment request, not for the updates and cancels that follow.
     */
    public void delivered(DeliveryRef delivery) {
        if (delivery == null || delivery.destination() != Destination.WMS) {
            return;
        }
        try {
            measureProcessing(delivery);
        } catch (RuntimeException e) { // a measure never fails the delivery it measures
            LOG.warn("The processing time of order {} was not measured: {}", delivery.orderId(), e.toString());
        }
    }

    private void measureProcessing(DeliveryRef delivery) {
        jdbc.query("""
                SELECT o.channel, o.created_at, o.canonical_json FROM orders o WHERE o.order_id = ? AND ? =
                    (SELECT MIN(d.revision) FROM deliveries d WHERE d.order_id = o.order_id AND d.destination = 'WMS')""",
                rs -> {
                    Instant now = Instant.now(clock);
                    String channel = rs.getString(1);
                    processing(channel, "intake", OrderStore.instant(rs, 2), now);
                    processing(channel, "placed", placedAt(rs.getString(3)), now);
                }, delivery.orderId(), delivery.revision());
    }

    private void processing(String channel, String from, Instant start, Instant now) {
        if (start == null) {
            return;
        }
        Timer.builder("hub.order.processing").description("to the warehouse's acceptance of the order")
                .tags("channel", channel, "from", from).serviceLevelObjectives(PROCESSING_BUCKETS).register(meters)
                .record(positive(Duration.between(start, now)));
    }

    private Instant placedAt(String canonicalJson) {
        try {
            JsonNode placed = json.readTree(canonicalJson).path("placedAt");
            return placed.isTextual() ? Instant.parse(placed.asText()) : null;
        } catch (JsonProcessingException | DateTimeParseException e) {
            return null;
        }
    }

    private String onTime(CanonicalOrder order) {
        Instant due = order.requestedDeliveryAt() != null ? order.requestedDeliveryAt()
                : order.placedAt() == null ? null : order.placedAt().plus(shipWithin);
        return due == null ? "unknown" : String.valueOf(!Instant.now(clock).isAfter(due));
    }

    private static boolean complete(CanonicalOrder order) {
        return order.lines().stream().allMatch(l -> l.shippedQuantity() == null || l.shippedQuantity() >= l.quantity());
    }

    /** The order's warehouse; {@code split} when its lines ship from several, {@code none} while unallocated. */
    static String warehouse(CanonicalOrder order) {
        Fulfillment fulfillment = order.fulfillmentOrNone();
        if (fulfillment.warehouse() != null) {
            return fulfillment.warehouse();
        }
        long warehouses = order.lines().stream().map(OrderLine::warehouse).filter(Objects::nonNull).distinct().count();
        return warehouses > 1 ? "split" : warehouses == 1
                ? order.lines().stream().map(OrderLine::warehouse).filter(Objects::nonNull).findFirst().orElseThrow()
                : "none";
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration[] seconds(long... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofSeconds(values[i]);
        }
        return buckets;
    }
}
