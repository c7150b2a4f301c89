package io.orderhub.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What every channel's stock calls share: the JSON they write and read, and the publisher they report to. */
abstract class ChannelStockCalls {

    protected final ObjectMapper json;
    protected final StockPublisher publisher;
    private final String channel;

    ChannelStockCalls(ObjectMapper json, StockPublisher publisher, String channel) {
        this.json = json;
        this.publisher = publisher;
        this.channel = channel;
    }

    /** The channel's answer; one that is no JSON fails the call, which is then made again next round. */
    protected JsonNode parse(String answer) {
        try {
            return json.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(channel + " answered no JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An asynchronous channel took the batch under the id it answered; its result poll reads the result later. */
    protected void sent(StockPublisher.Batch batch, JsonNode remoteId, String answer) {
        String id = remoteId.asText("");
        if (id.isBlank()) {
            throw new IllegalStateException(channel + " answered no id for the batch: " + answer);
        }
        publisher.sent(batch, id);
    }

    /** The quantity of the item whose {@code idField} is {@code id} in a read's list; null when it is not there. */
    protected static Integer quantityOf(JsonNode items, String idField, String id, String quantityField) {
        for (JsonNode item : items) {
            if (id.equals(item.path(idField).asText()) && item.path(quantityField).canConvertToInt()) {
                return item.path(quantityField).asInt();
            }
        }
        return null;
    }
}
