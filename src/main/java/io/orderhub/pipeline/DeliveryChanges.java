package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.HistoryEntry;
import io.orderhub.store.DeliveryRef;
import io.orderhub.store.OrderStore;

/**
 * What a delivery is about, as the destinations' mappings read it: {"status": the status the delivery's revision
 * moved to (not the order's status now, which may have moved on), "previousStatus", "at", "revision",
 * "idempotencyKey", "trackingNumber": the newest, "order": the canonical order as it was at that revision}, so
 * every attempt of a delivery sends the same. The ERP, channel write-back and EDI deliveries all start from it.
 */
public class DeliveryChanges {

    private final OrderStore orders;
    private final ObjectMapper json;

    public DeliveryChanges(OrderStore orders, ObjectMapper json) {
        this.orders = orders;
        this.json = json;
    }

    public ObjectNode change(DeliveryRef delivery) throws JsonProcessingException {
        HistoryEntry change = orders.changeAt(delivery.orderId(), delivery.revision());
        ObjectNode envelope = json.createObjectNode().put("status", change.status().name())
                .put("previousStatus", change.from() == null ? null : change.from().name())
                .put("at", change.at().toString()).put("revision", delivery.revision())
                .put("idempotencyKey", delivery.key());
        JsonNode order = json.readTree(orders.canonicalJsonAt(delivery.orderId(), delivery.revision()));
        JsonNode numbers = order.path("fulfillment").path("trackingNumbers");
        envelope.put("trackingNumber", numbers.isEmpty() ? null : numbers.get(numbers.size() - 1).asText());
        envelope.set("order", order);
        return envelope;
    }

    /** {@link #change} as JSON text, for routes. */
    public String json(DeliveryRef delivery) throws JsonProcessingException {
        return change(delivery).toString();
    }
}
