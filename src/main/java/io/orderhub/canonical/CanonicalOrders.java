package io.orderhub.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Turns what a mapping produced into a {@link CanonicalOrder}: the hub adds what only it knows (the account the
 * order came in on and the derived order id), validates against the schema, binds, and rounds money.
 */
public class CanonicalOrders {

    private final ObjectMapper json;
    private final CanonicalOrderSchema schema;

    public CanonicalOrders(ObjectMapper json, CanonicalOrderSchema schema) {
        this.json = json;
        this.schema = schema;
    }

    public CanonicalOrder fromMapping(String mapped, String channel, String account) {
        JsonNode tree = parse(mapped);
        if (!(tree instanceof ObjectNode node)) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MAPPING,
                    "mapping for " + channel + " did not produce a JSON object but: " + abbreviate(mapped));
        }
        if (node.hasNonNull("channel") && !channel.equals(node.get("channel").asText())) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MAPPING, "mapping for " + channel
                    + " produced an order of channel '" + node.get("channel").asText() + "'");
        }
        node.put("channel", channel);
        node.put("account", account);
        if (node.hasNonNull("channelOrderId")) {
            node.put("orderId", OrderIds.orderId(channel, account, node.get("channelOrderId").asText()));
        }
        node.remove("history");
        schema.validate(node);
        requireCurrency(node.path("currency").asText());
        try {
            return Money.normalize(json.treeToValue(node, CanonicalOrder.class));
        } catch (JsonProcessingException e) {
            throw new InvalidOrderException(InvalidOrderException.Kind.SCHEMA,
                    "canonical order cannot be read: " + e.getOriginalMessage(), List.of(e.getOriginalMessage()), e);
        }
    }

    /** The schema checks the shape (three capitals); only a real ISO 4217 code tells the minor unit to round to. */
    private static void requireCurrency(String code) {
        try {
            java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            String problem = "$.currency: '" + code + "' is not an ISO 4217 currency";
            throw new InvalidOrderException(InvalidOrderException.Kind.SCHEMA, "canonical order is invalid: " + problem,
                    List.of(problem), e);
        }
    }

    private JsonNode parse(String mapped) {
        try {
            return json.readTree(mapped);
        } catch (JsonProcessingException e) {
            throw new InvalidOrderException(InvalidOrderException.Kind.MAPPING,
                    "mapping output is not JSON: " + e.getOriginalMessage(), List.of(), e);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
