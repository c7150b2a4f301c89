package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trendyol's stock calls (routes/publish-stock-trendyol.yaml), which are asynchronous: price-and-inventory takes
 * up to 1000 barcodes and answers a batchRequestId; the batch's result, item by item, is read later (Trendyol keeps
 * it four hours). Trendyol caps a product's stock at 20,000 (the policy's cap in mappings/inventory/policies.csv)
 * and refuses a body identical to one sent in the last 15 minutes: pushing only changed values avoids most, and a
 * quantity that went down and up again is sent with another listing beside it, or waits out the 15 minutes where
 * the account lists nothing else ({@link #distinct}).
 */
public class TrendyolStock extends ChannelStockCalls {

    private static final Duration SAME_BODY_REFUSED = Duration.ofMinutes(15);

    /** The bodies Trendyol took, and when: one of the last 15 minutes would be refused. */
    private final Map<String, Instant> taken = new ConcurrentHashMap<>();
    private final Clock clock;

    public TrendyolStock(ObjectMapper json, StockPublisher publisher, Clock clock) {
        super(json, publisher, "trendyol");
        this.clock = clock;
    }

    /**
     * The batch, widened by other listings of the account (told again at their quantities of now) while its body
     * is one Trendyol took in the last 15 minutes: a quantity that went down and up again would be refused. Null
     * when the account has nothing left to send beside it: the batch is then held until Trendyol would take it,
     * rather than sent to be refused every round.
     */
    public StockPublisher.Batch distinct(StockPublisher.Batch batch) {
        Instant now = clock.instant();
        taken.values().removeIf(at -> at.isBefore(now.minus(SAME_BODY_REFUSED)));
        StockPublisher.Batch distinct = batch;
        Instant takenAt;
        while ((takenAt = taken.get(request(distinct))) != null) {
            StockPublisher.Batch wider = publisher.widen(distinct);
            if (wider == distinct) {
                publisher.hold(distinct, takenAt.plus(SAME_BODY_REFUSED), "trendyol refuses a body it took in the "
                        + "last 15 minutes, and the account lists nothing else to send beside it");
                return null;
            }
            distinct = wider;
        }
        return distinct;
    }

    public String request(StockPublisher.Batch batch) {
        ObjectNode request = json.createObjectNode();
        ArrayNode items = request.putArray("items");
        batch.pushes().forEach(push -> items.addObject().put("barcode", push.listing().listingId())
                .put("quantity", push.quantity()));
        return request.toString();
    }

    /** Trendyol refused the body as one it took in the last 15 minutes (before this process knew of it). */
    public void repeated(StockPublisher.Batch batch) {
        taken.put(request(batch), clock.instant());
        publisher.failed(batch, "trendyol refused a body it took in the last 15 minutes; sent with another listing "
                + "next round");
    }

    /** Trendyol took the batch: its results are read by the result poll. */
    public void accepted(StockPublisher.Batch batch, String answer) {
        taken.put(request(batch), clock.instant());
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
