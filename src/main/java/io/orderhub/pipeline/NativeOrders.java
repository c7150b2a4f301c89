package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.InvalidOrderException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a channel's native payload into single native orders: a webhook body is one order, a list API
 * page holds them in an array field (Shopify {@code orders}), and a bare JSON array is a list of orders.
 * Each order is kept as its own JSON text, so the error store and the raw archive hold exactly one order.
 */
public class NativeOrders {

    private final ObjectMapper json;
    private final int maxPayloadBytes;

    /**
     * @param maxJsonDepth    deeper nesting is refused before it is parsed further (no channel nests past a dozen)
     * @param maxStringLength a longer string value is refused (the longest a channel sends is a note or a label)
     */
    public NativeOrders(ObjectMapper json, int maxPayloadBytes, int maxJsonDepth, int maxStringLength) {
        this.json = json.copy();
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxJsonDepth).maxStringLength(maxStringLength).build());
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public List<String> split(String payload, String pageField) {
        return split(payload, pageField, "");
    }

    /**
     * @param groupBy empty, or the field that groups line rows into one order (Hepsiburada lists one row per
     *                order line): each group becomes {@code {"<groupBy>": value, "items": [rows]}}
     */
    public List<String> split(String payload, String pageField, String groupBy) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED, "empty payload: expected a JSON order or page");
        }
        if (payload.length() > maxPayloadBytes) {
            throw new InvalidOrderException(InvalidOrderException.Kind.OVERSIZE, "payload of " + payload.length()
                    + " characters is larger than hub.ingest.max-payload-bytes=" + maxPayloadBytes);
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (StreamConstraintsException e) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED, "JSON refused: "
                    + e.getOriginalMessage().replaceAll(", from `StreamReadConstraints[^`]*`", "")
                    + " (hub.ingest.max-json-depth, hub.ingest.max-string-length)", List.of(), e);
        } catch (JsonProcessingException e) {
            // a constraint or an early end of input may come without a location
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED, "malformed JSON" + where + ": "
                    + e.getOriginalMessage(), List.of(), e);
        }
        JsonNode items = root.isArray() ? root : field(root, pageField);
        if (items == null) {
            if (!root.isObject()) {
                throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED,
                        "expected a JSON object or array, got " + root.getNodeType());
            }
            return List.of(payload);
        }
        if (!items.isArray()) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED,
                    "field '" + pageField + "' of the page is not an array");
        }
        if (groupBy != null && !groupBy.isEmpty()) {
            return grouped(items, groupBy);
        }
        List<String> orders = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            orders.add(item.toString());
        }
        return orders;
    }

    /**
     * Appends the rows of one page of an order's sub-resource to an array field of the order: Amazon lists
     * orders without their items, which come from getOrderItems, one call (and possibly several pages) per order.
     *
     * @param pageField where the page holds the rows, dotted for nested fields ({@code payload.OrderItems})
     */
    public String attach(String order, String field, String page, String pageField) throws JsonProcessingException {
        ObjectNode target = (ObjectNode) json.readTree(order);
        JsonNode rows = field(json.readTree(page), pageField);
        if (rows == null || !rows.isArray()) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED,
                    "field '" + pageField + "' of the page is not an array");
        }
        target.withArray(field).addAll((ArrayNode) rows);
        return target.toString();
    }

    /** A field by name, or by a dotted path into nested objects ({@code payload.Orders}); null when absent. */
    private static JsonNode field(JsonNode root, String path) {
        JsonNode node = root.at("/" + path.replace('.', '/'));
        return node.isMissingNode() ? null : node;
    }

    private List<String> grouped(JsonNode rows, String groupBy) {
        Map<String, ArrayNode> groups = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String key = row.path(groupBy).asText("");
            if (key.isEmpty()) {
                throw new InvalidOrderException(InvalidOrderException.Kind.MALFORMED,
                        "a row of the page has no '" + groupBy + "'");
            }
            groups.computeIfAbsent(key, k -> json.createArrayNode()).add(row);
        }
        List<String> orders = new ArrayList<>(groups.size());
        groups.forEach((key, group) -> {
            ObjectNode order = json.createObjectNode();
            order.put(groupBy, key);
            order.set("items", group);
            orders.add(order.toString());
        });
        return orders;
    }
}
