package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * eBay's stock call (routes/publish-stock-ebay.yaml): {@code bulk_update_price_quantity} with up to 25 inventory
 * items, each its ship-to-location quantity. The listed quantity is the lower of that and the offer's
 * availableQuantity, so offers are left without one. eBay answers 200 or 207 with a status per SKU; a SKU it
 * refuses (unknown, or past its 250 revisions of the day) is recorded on its own.
 */
public class EbayStock extends ChannelStockCalls {

    public EbayStock(ObjectMapper json, StockPublisher publisher) {
        super(json, publisher, "ebay");
    }

    public String request(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode();
        ArrayNode requests = request.putArray("requests");
        for (StockPublisher.Push push : batch.pushes()) {
            requests.addObject().put("sku", push.listing().listingId()).putObject("shipToLocationAvailability")
                    .put("quantity", push.quantity());
        }
        return request.toString();
    }

    public void answer(StockPublisher.Batch batch, String answer) {
        Map<String, String> refused = new HashMap<>();
        for (JsonNode response : parse(answer).path("responses")) {
            int status = response.path("statusCode").asInt();
            if (status < 200 || status > 299) {
                refused.put(response.path("sku").asText(), "ebay refused (" + status + "): " + response.path("errors"));
            }
        }
        publisher.settled(batch, refused);
    }

    /** bulk_get_inventory_item: the SKUs alone (at most 25). */
    public String readRequest(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode();
        ArrayNode requests = request.putArray("requests");
        batch.pushes().forEach(push -> requests.addObject().put("sku", push.listing().listingId()));
        return request.toString();
    }

    /** Each inventory item's ship-to-location quantity, by SKU. */
    public Map<String, Integer> levels(String answer) {
        Map<String, Integer> levels = new HashMap<>();
        for (JsonNode response : parse(answer).path("responses")) {
            JsonNode quantity = response.path("inventoryItem").path("availability").path("shipToLocationAvailability")
                    .path("quantity");
            if (response.path("statusCode").asInt() == 200 && quantity.canConvertToInt()) {
                levels.put(response.path("sku").asText(), quantity.asInt());
            }
        }
        return levels;
    }
}
