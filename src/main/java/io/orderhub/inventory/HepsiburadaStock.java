package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Hepsiburada's stock calls (routes/publish-stock-hepsiburada.yaml), which are asynchronous: a stock upload of up
 * to 1000 listings answers its id; the upload's result, read later, lists the listings it refused, and every other
 * listing of the upload was applied. Listings Hepsiburada fulfils itself are never told.
 */
public class HepsiburadaStock extends ChannelStockCalls {

    public HepsiburadaStock(ObjectMapper json, StockPublisher publisher) {
        super(json, publisher, "hepsiburada");
    }

    public String request(StockPublisher.Batch batch) {
        ArrayNode request = json.createArrayNode();
        batch.pushes().forEach(push -> request.addObject().put("hepsiburadaSku", push.listing().listingId())
                .put("merchantSku", push.listing().masterSku()).put("availableStock", push.quantity()));
        return request.toString();
    }

    public void accepted(StockPublisher.Batch batch, String answer) {
        sent(batch, parse(answer).path("id"), answer);
    }

    /** An upload's result: nothing while it is processed; once done, the listings it refused with their reasons. */
    public void results(String remoteId, String answer) {
        JsonNode body = parse(answer);
        if (!"Done".equalsIgnoreCase(body.path("status").asText())) {
            return;
        }
        Map<String, String> refused = new HashMap<>();
        for (JsonNode error : body.path("errors")) {
            refused.put(error.path("hepsiburadaSku").asText(), "hepsiburada refused: " + error.path("errors"));
        }
        publisher.resultsComplete(remoteId, refused);
    }

    /** The listings by the merchant's SKUs: {@code merchantSkuList=...}, the query of the read (at most 50). */
    public String readRequest(StockPublisher.Batch batch) {
        return "merchantSkuList=" + URLEncoder.encode(String.join(",", batch.pushes().stream()
                .map(push -> push.listing().masterSku()).distinct().toList()), StandardCharsets.UTF_8);
    }

    /** Each listing's available stock, by Hepsiburada SKU. */
    public Map<String, Integer> levels(String answer) {
        Map<String, Integer> levels = new HashMap<>();
        for (JsonNode listing : parse(answer).path("listings")) {
            if (listing.path("availableStock").canConvertToInt()) {
                levels.put(listing.path("hepsiburadaSku").asText(), listing.path("availableStock").asInt());
            }
        }
        return levels;
    }
}
