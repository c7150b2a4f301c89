package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shopify's stock calls (routes/publish-stock-shopify.yaml): {@code inventorySetQuantities} with compare-and-set
 * ({@code changeFromQuantity}: what Shopify held when the hub last knew) and an idempotency key per batch, as the
 * Admin API requires from 2026-04; and, when Shopify answers that a quantity changed meanwhile (an order sold on
 * Shopify the hub has not taken in yet), a read of what it holds now, which the next round sets from.
 */
public class ShopifyStock extends ChannelStockCalls {

    static final String SET = """
            mutation set($key: String!, $input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: $key) {
                inventoryAdjustmentGroup { id }
                userErrors { code field message }
              }
            }""";

    public ShopifyStock(ObjectMapper json, StockPublisher publisher) {
        super(json, publisher, "shopify");
    }

    /** The mutation for the batch (its listings all have their inventory item and location: Listing.unpushable). */
    public String setRequest(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode().put("query", SET);
        ObjectNode variables = request.putObject("variables").put("key", batch.batchId());
        ObjectNode input = variables.putObject("input").put("name", "available").put("reason", "correction")
                .put("referenceDocumentUri", "gid://order-hub/StockBatch/" + batch.batchId());
        ArrayNode quantities = input.putArray("quantities");
        for (StockPublisher.Push push : batch.pushes()) {
            Listing listing = push.listing();
            ObjectNode quantity = quantities.addObject().put("inventoryItemId", listing.inventoryItemId())
                    .put("locationId", listing.locationId()).put("quantity", push.quantity());
            // the first push compares from 0: Shopify holds 0 for an item stocked at a location and never set
            quantity.put("changeFromQuantity", push.changeFrom() == null ? 0 : push.changeFrom());
        }
        return request.toString();
    }

    /**
     * Reads Shopify's answer: true when a quantity was stale (the batch is then read back); otherwise the batch is
     * recorded as confirmed, or as failed with Shopify's errors.
     */
    public boolean stale(StockPublisher.Batch batch, String answer) {
        JsonNode body = parse(answer);
        JsonNode errors = body.path("data").path("inventorySetQuantities").path("userErrors");
        if (body.has("errors") || !body.path("data").path("inventorySetQuantities").isObject()) {
            publisher.failed(batch, "shopify answered " + body.path("errors"));
            return false;
        }
        if (errors.isEmpty()) {
            publisher.confirmed(batch);
            return false;
        }
        for (JsonNode error : errors) {
            if ("CHANGE_FROM_QUANTITY_STALE".equals(error.path("code").asText())) {
                return true;
            }
        }
        publisher.failed(batch, "shopify refused: " + errors);
        return false;
    }

    /** What Shopify holds of each listing of the batch, one alias per item and location. */
    public String readRequest(StockPublisher.Batch batch) {
        StringBuilder query = new StringBuilder("query levels(");
        StringBuilder fields = new StringBuilder();
        ObjectNode variables = json.createObjectNode();
        List<StockPublisher.Push> pushes = batch.pushes();
        for (int i = 0; i < pushes.size(); i++) {
            query.append(i == 0 ? "" : ", ").append("$item").append(i).append(": ID!, $location").append(i)
                    .append(": ID!");
            fields.append("  l").append(i).append(": inventoryItem(id: $item").append(i)
                    .append(") { inventoryLevel(locationId: $location").append(i)
                    .append(") { quantities(names: [\"available\"]) { name quantity } } }\n");
            variables.put("item" + i, pushes.get(i).listing().inventoryItemId())
                    .put("location" + i, pushes.get(i).listing().locationId());
        }
        ObjectNode request = json.createObjectNode().put("query", query.append(") {\n").append(fields).append("}")
                .toString());
        request.set("variables", variables);
        return request.toString();
    }

    /** Records what Shopify holds, so the next round compares and sets from it. */
    public void read(StockPublisher.Batch batch, String answer) {
        publisher.stale(batch, levels(batch, answer));
    }

    /** What Shopify answered it holds of each listing of the batch (readRequest), by listing id. */
    public Map<String, Integer> levels(StockPublisher.Batch batch, String answer) {
        JsonNode data = parse(answer).path("data");
        Map<String, Integer> actual = new HashMap<>();
        List<StockPublisher.Push> pushes = batch.pushes();
        for (int i = 0; i < pushes.size(); i++) {
            for (JsonNode quantity : data.path("l" + i).path("inventoryLevel").path("quantities")) {
                if ("available".equals(quantity.path("name").asText())) {
                    actual.put(pushes.get(i).listing().listingId(), quantity.path("quantity").asInt());
                }
            }
        }
        return actual;
    }
}
