package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Amazon's stock call (routes/publish-stock-amazon.yaml): one Listings Items {@code PATCH} per seller SKU, merging
 * {@code fulfillment_availability} for the merchant-fulfilled channel ({@code DEFAULT}); FBA listings are never
 * told (a quantity would turn them merchant-fulfilled and strand Amazon's stock). Amazon answers ACCEPTED, or
 * INVALID with its issues, which is a refusal of that SKU alone.
 */
public class AmazonStock extends ChannelStockCalls {

    public AmazonStock(ObjectMapper json, StockPublisher publisher) {
        super(json, publisher, "amazon");
    }

    /** {"path": "/{sku}", "body": the patch}: the seller SKU encoded as one path segment. */
    public String patch(StockPublisher.Push push) {
        ObjectNode call = path(push);
        ObjectNode body = call.putObject("body").put("productType", "PRODUCT");
        ObjectNode patch = body.putArray("patches").addObject().put("op", "merge")
                .put("path", "/attributes/fulfillment_availability");
        patch.putArray("value").addObject().put("fulfillment_channel_code", "DEFAULT")
                .put("quantity", push.quantity());
        return call.toString();
    }

    public void answer(StockPublisher.Batch batch, StockPublisher.Push push, String answer) {
        JsonNode body = parse(answer);
        String status = body.path("status").asText();
        if ("ACCEPTED".equals(status)) {
            publisher.answered(batch, push, null);
        } else if ("INVALID".equals(status)) {
            publisher.answered(batch, push, "amazon refused: " + body.path("issues"));
        } else {
            throw new IllegalStateException("amazon answered status " + status + " for " + push.listing().listingId());
        }
    }

    /** {"path": "/{sku}"} alone: getListingsItem, with its fulfillment availability. */
    public String read(StockPublisher.Push push) {
        return path(push).toString();
    }

    /** The merchant-fulfilled quantity Amazon holds (null when it shows none). */
    public Integer level(String answer) {
        for (JsonNode availability : parse(answer).path("fulfillmentAvailability")) {
            if ("DEFAULT".equals(availability.path("fulfillmentChannelCode").asText())
                    && availability.path("quantity").canConvertToInt()) {
                return availability.path("quantity").asInt();
            }
        }
        return null;
    }

    private ObjectNode path(StockPublisher.Push push) {
        return json.createObjectNode().put("path", "/" + URLEncoder.encode(push.listing().listingId(),
                StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
