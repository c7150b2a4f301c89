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
 * n11's stock calls (routes/publish-stock-n11.yaml), which are asynchronous: a price-stock-update task of up to
 * 1000 stock codes (quantity only: n11 leaves the fields not sent as they are) answers the task's id; the task's
 * details, read later, say SUCCESS or FAIL per stock code once n11 has processed it.
 */
public class N11Stock extends ChannelStockCalls {

    private final String integrator;

    public N11Stock(ObjectMapper json, StockPublisher publisher, String integrator) {
        super(json, publisher, "n11");
        this.integrator = integrator;
    }

    public String request(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode();
        ObjectNode payload = request.putObject("payload").put("integrator", integrator);
        ArrayNode skus = payload.putArray("skus");
        batch.pushes().forEach(push -> skus.addObject().put("stockCode", push.listing().listingId())
                .put("quantity", push.quantity()));
        return request.toString();
    }

    public void accepted(StockPublisher.Batch batch, String answer) {
        JsonNode body = parse(answer);
        if ("REJECT".equals(body.path("status").asText())) {
            throw new IllegalStateException("n11 did not take the task: " + answer);
        }
        sent(batch, body.path("id"), answer);
    }

    /** A task's details: nothing while it is queued; once processed, SUCCESS or FAIL per stock code. */
    public void results(String remoteId, String answer) {
        JsonNode body = parse(answer);
        if (!"PROCESSED".equals(body.path("taskStatus").asText())) {
            return;
        }
        Map<String, String> refused = new HashMap<>();
        for (JsonNode item : body.path("content")) {
            if (!"SUCCESS".equals(item.path("status").asText())) {
                refused.put(item.path("itemCode").asText(), "n11 refused: " + item.path("reasons"));
            }
        }
        publisher.resultsComplete(remoteId, refused);
    }

    /** The product query for one stock code: {@code stockCode=...}, the query of the read. */
    public String read(StockPublisher.Push push) {
        return "stockCode=" + URLEncoder.encode(push.listing().listingId(), StandardCharsets.UTF_8);
    }

    /** The quantity n11 holds for the stock code read (null when it shows none). */
    public Integer level(StockPublisher.Push push, String answer) {
        return quantityOf(parse(answer).path("content"), "stockCode", push.listing().listingId(), "quantity");
    }
}
