package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * WooCommerce's stock call (routes/publish-stock-woocommerce.yaml): {@code products/batch} with an absolute
 * {@code stock_quantity} per product. WooCommerce answers 200 with one entry per product, each either the product
 * or its own error, so a product the store refuses is recorded on its own and the others are confirmed.
 */
public class WooCommerceStock extends ChannelStockCalls {

    public WooCommerceStock(ObjectMapper json, StockPublisher publisher) {
        super(json, publisher, "woocommerce");
    }

    public String request(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode();
        ArrayNode update = request.putArray("update");
        for (StockPublisher.Push push : batch.pushes()) {
            update.addObject().put("id", Long.parseLong(push.listing().listingId())).put("manage_stock", true)
                    .put("stock_quantity", push.quantity());
        }
        return request.toString();
    }

    /** Confirms what the store took, and records each product it refused with the store's reason. */
    public void answer(StockPublisher.Batch batch, String answer) {
        JsonNode body = parse(answer);
        Map<String, String> refused = new HashMap<>();
        for (JsonNode item : body.path("update")) {
            if (item.has("error")) {
                refused.put(item.path("id").asText(), "woocommerce refused: " + item.path("error").path("code").asText()
                        + " " + item.path("error").path("message").asText());
            }
        }
        publisher.settled(batch, refused);
    }

    /** The product ids of the batch, for {@code GET products?include=} (at most 100). */
    public String readRequest(StockPublisher.Batch batch) {
        return String.join(",", batch.pushes().stream().map(push -> push.listing().listingId()).toList());
    }

    /** Each product's stock_quantity, by product id. */
    public Map<String, Integer> levels(String answer) {
        Map<String, Integer> levels = new HashMap<>();
        for (JsonNode product : parse(answer)) {
            if (product.path("stock_quantity").canConvertToInt()) {
                levels.put(product.path("id").asText(), product.path("stock_quantity").asInt());
            }
        }
        return levels;
    }
}
