package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

/**
 * Small edits of JSON request bodies that sink Kamelets make between two calls of one write-back, where the second
 * call needs what the first answered (Shopify's fulfillment order ids, Hepsiburada's package number), and whether a
 * call's effect is there already.
 */
public class JsonBodies {

    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON text of one field of an object, dotted for nested fields; an error names a missing one. */
    public String part(String body, String path) throws JsonProcessingException {
        JsonNode node = json.readTree(body).at("/" + path.replace('.', '/'));
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("the write-back mapping gave no '" + path + "'");
        }
        return node.toString();
    }

    /**
     * Whether the channel's answer to a call's {@code unless} read already shows the call's effect: it contains the
     * text {@code unless.contains} (a tracking number, a note). A call that is not safe to repeat is skipped then.
     */
    public boolean alreadyDone(String answer, String call) throws JsonProcessingException {
        String expected = json.readTree(call).path("unless").path("contains").asText("");
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("the write-back mapping gave an 'unless' without 'contains': " + call);
        }
        return answer != null && answer.contains(expected);
    }

    /**
     * Sets the array at {@code path} (dotted, parents made as needed) to one object {@code {key: value}} per value:
     * {@code withEach(body, "fulfillment.line_items_by_fulfillment_order", [6480019001], "fulfillment_order_id")}.
     */
    public String withEach(String body, String path, Collection<?> values, String key) throws JsonProcessingException {
        ObjectNode root = (ObjectNode) json.readTree(body);
        List<String> names = List.of(path.split("\\."));
        ObjectNode parent = root;
        for (String name : names.subList(0, names.size() - 1)) {
            parent = parent.with(name);
        }
        ArrayNode array = parent.putArray(names.get(names.size() - 1));
        for (Object value : values == null ? List.of() : values) {
            array.addObject().set(key, json.valueToTree(value));
        }
        return root.toString();
    }
}
