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
        HistoryEntry change = orders.changeAt(delivery.orderId(), delivery.revision());
        OrderStatus moved = change.status();
        String action = switch (moved) {
            case SHIPPED -> "ship";
            case CANCELED -> "cancel";
            default -> throw new IllegalStateException("revision " + delivery.revision() + " of order "
                    + delivery.orderId() + " moved it to " + moved + ", which is not written back to a channel");
        };
        ObjectNode envelope = json.createObjectNode().put("action", action).put("at", change.at().toString());
        JsonNode order = json.readTree(orders.canonicalJson(delivery.orderId()));
        JsonNode numbers = order.path("fulfillment").path("trackingNumbers");
        envelope.put("trackingNumber", numbers.isEmpty() ? null : numbers.get(numbers.size() - 1).asText());
        envelope.set("order", order);
        String nativeOrder = orders.nativePayload(delivery.orderId()).orElse(null);
        envelope.set("native", nativeOrder == null ? json.nullNode() : json.readTree(nativeOrder));
        return envelope.toString();
    }
}
