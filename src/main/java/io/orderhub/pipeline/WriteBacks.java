package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.HistoryEntry;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.store.DeliveryRef;
import io.orderhub.store.OrderStore;

/**
 * What a channel write-back mapping ({@code mappings/<channel>/write-back.jsonata}) works from:
 * {@code {"action": "ship"|"cancel", "at": <when>, "trackingNumber": <the newest>, "order": <canonical order>,
 * "native": <the channel's own order>}}. The action is the status the delivery's revision moved to, not the
 * order's status now (it may be DELIVERED by the time the delivery runs). The native order gives the ids only the channel knows (Amazon's marketplace, Trendyol's package,
 * Hepsiburada's line items).
 */
public class WriteBacks {

    private final OrderStore orders;
    private final ObjectMapper json;

    public WriteBacks(OrderStore orders, ObjectMapper json) {
        this.orders = orders;
        this.json = json;
    }

    public String envelope(DeliveryRef delivery) throws JsonProcessingException {
        ObjectNode envelope = change(delivery);
        OrderStatus moved = OrderStatus.valueOf(envelope.path("status").asText());
        String action = switch (moved) {
            case SHIPPED -> "ship";
            case CANCELED -> "cancel";
            default -> throw new IllegalStateException("revision " + delivery.revision() + " of order "
                    + delivery.orderId() + " moved it to " + moved + ", which is not written back to a channel");
        };
        envelope.put("action", action);
        String nativeOrder = orders.nativePayload(delivery.orderId()).orElse(null);
        envelope.set("native", nativeOrder == null ? json.nullNode() : json.readTree(nativeOrder));
        return envelope.toString();
    }

    /**
     * What a destination's mapping works from: {"status": the status this revision moved to, "previousStatus", "at",
     * "revision", "idempotencyKey", "trackingNumber": the newest, "order": the canonical order as stored now}.
     */
    public ObjectNode change(DeliveryRef delivery) throws JsonProcessingException {
        HistoryEntry change = orders.changeAt(delivery.orderId(), delivery.revision());
        ObjectNode envelope = json.createObjectNode().put("status", change.status().name())
                .put("previousStatus", change.from() == null ? null : change.from().name())
                .put("at", change.at().toString()).put("revision", delivery.revision())
                .put("idempotencyKey", delivery.key());
        JsonNode order = json.readTree(orders.canonicalJson(delivery.orderId()));
        JsonNode numbers = order.path("fulfillment").path("trackingNumbers");
        envelope.put("trackingNumber", numbers.isEmpty() ? null : numbers.get(numbers.size() - 1).asText());
        envelope.set("order", order);
        return envelope;
    }

    /** {@link #change} as JSON text, for routes. */
    public String changeJson(DeliveryRef delivery) throws JsonProcessingException {
        return change(delivery).toString();
    }
}
