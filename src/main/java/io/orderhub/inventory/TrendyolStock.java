package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Trendyol's stock calls (routes/publish-stock-trendyol.yaml), which are asynchronous: price-and-inventory takes
 * up to 1000 barcodes and answers a batchRequestId; the batch's result, item by item, is read later (Trendyol keeps
 * it four hours). Trendyol caps a product's stock at 20,000 (the policy's cap in mappings/inventory/policies.csv)
 * and refuses a body identical to one sent in the last 15 minutes, which pushing only changed values avoids.
 */
public class TrendyolStock extends ChannelStockCalls {

    public TrendyolStock(ObjectMapper json, StockPublisher publisher) {
        super(json, publisher, "trendyol");
    }

    public String request(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode();
        ArrayNode items = request.putArray("items");
        batch.pushes().forEach(push -> items.addObject().put("barcode", push.listing().listingId())
                .put("quantity", push.quantity()));
        return request.toString();
    }

    /** Trendyol took the batch: its results are read by the result poll. */
    public void accepted(StockPublisher.Batch batch, String answer) {
        sent(batch, parse(answer).path("batchRequestId"), answer);
    }

    /** A batch's result: each item applied or refused with Trendyol's reasons; none yet while it is processed. */
    public void results(String remoteId, String answer) {
        Map<String, String> outcomes = new HashMap<>();
        for (JsonNode item : parse(answer).path("items")) {
            String barcode = item.path("requestItem").path("barcode").asText();
            String status = item.path("status").asText();
            if ("SUCCESS".equals(status)) {
                outcomes.put(barcode, null);
            } else if ("FAILED".equals(status)) {
                outcomes.put(barcode, "trendyol refused: " + item.path("failureReasons"));
            }
        }
        publisher.results(remoteId, outcomes);
    }


    /** filterProducts for one barcode: {@code barcode=...}, the query of the read. */
    public String read(StockPublisher.Push push) {
        return "barcode=" + URLEncoder.encode(push.listing().listingId(), StandardCharsets.UTF_8);
    }

    /** The quantity Trendyol holds for the barcode read (null when it shows no such product). */
    public Integer level(StockPublisher.Push push, String answer) {
        return quantityOf(parse(answer).path("content"), "barcode", push.listing().listingId(), "quantity");
    }
}
