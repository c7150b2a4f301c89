package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.store.DeliveryRef;
import io.orderhub.store.OrderStore;

/**
 * What a channel write-back mapping ({@code mappings/<channel>/write-back.jsonata}) works from: the delivery's
 * change ({@link DeliveryChanges}) with {@code "action": "ship"|"cancel"} and {@code "native": <the channel's own
 * order>}. The native order gives the ids only the channel knows (Amazon's marketplace, Trendyol's package,
 * Hepsiburada's line items).
 */
public class WriteBacks {

    private final DeliveryChanges changes;
    private final OrderStore orders;
    private final ObjectMapper json;

    public WriteBacks(DeliveryChanges changes, OrderStore orders, ObjectMapper json) {
        this.changes = changes;
        this.orders = orders;
        this.json = json;
    }

    public String envelope(DeliveryRef delivery) throws JsonProcessingException {
        ObjectNode envelope = changes.change(delivery);
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
}
