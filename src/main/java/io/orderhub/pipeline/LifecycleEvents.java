package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.HistoryEntry;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.store.DeliveryRef;
import io.orderhub.store.OrderNotFoundException;
import io.orderhub.store.OrderStore;

import java.time.Instant;

/** Builds the lifecycle event for a delivery: what changed at that revision, small and versioned. */
public class LifecycleEvents {

    public static final String TYPE = "order.lifecycle";
    public static final int VERSION = 1;

    private final OrderStore orders;
    private final ObjectMapper json;

    public LifecycleEvents(OrderStore orders, ObjectMapper json) {
        this.orders = orders;
        this.json = json;
    }

    public String build(DeliveryRef delivery) throws JsonProcessingException {
        CanonicalOrder order = orders.find(delivery.orderId())
                .orElseThrow(() -> new OrderNotFoundException(delivery.orderId()));
        HistoryEntry entry = orders.changeAt(delivery.orderId(), delivery.revision());
        return json.writeValueAsString(new LifecycleEvent(TYPE, VERSION, delivery.key(), order.orderId(),
                order.channel(), order.account(), order.channelOrderId(), order.orderNumber(), delivery.revision(),
                entry.status(), entry.from(), entry.at(), entry.source(), entry.detail(),
                order.fulfillment() == null ? null : order.fulfillment().trackingNumbers()));
    }

    public record LifecycleEvent(String type, int version, String eventId, String orderId, String channel,
                                 String account, String channelOrderId, String orderNumber, int revision,
                                 OrderStatus status, OrderStatus previousStatus, Instant at, String source,
                                 String detail, java.util.List<String> trackingNumbers) {
    }
}
