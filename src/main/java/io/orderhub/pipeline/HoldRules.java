package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.lifecycle.Hold;
import io.orderhub.store.OrderStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Screening of new orders: gives mappings/holds/screen.jsonata the facts it needs beside the order (how many orders
 * the customer placed within hub.enrich.velocity-window), and reads what it answered: the rules that fired.
 */
public class HoldRules {

    private final ObjectMapper json;
    private final OrderStore orders;
    private final Duration velocityWindow;
    private final Clock clock;

    public HoldRules(ObjectMapper json, OrderStore orders, Duration velocityWindow, Clock clock) {
        this.json = json;
        this.orders = orders;
        this.velocityWindow = velocityWindow;
        this.clock = clock;
    }

    /** The mapped order with {"screening": {"customerOrders", "windowMinutes"}} added: what screen.jsonata reads. */
    public String input(String mapped, CanonicalOrder order) throws JsonProcessingException {
        ObjectNode input = (ObjectNode) json.readTree(mapped);
        ObjectNode facts = input.putObject("screening");
        boolean counted = !velocityWindow.isZero();
        facts.put("customerOrders", counted ? orders.ordersOfCustomerSince(order, clock.instant().minus(velocityWindow)) : 0);
        facts.put("windowMinutes", velocityWindow.toMinutes());
        return json.writeValueAsString(input);
    }

    /** No rule fired (an order that is not screened: it is not new). */
    public List<Hold> none() {
        return List.of();
    }

    /** The rules screen.jsonata fired, after the ones the hub found already (an unknown SKU). */
    public List<Hold> fired(String screening, List<Hold> found) throws JsonProcessingException {
        List<Hold> holds = new ArrayList<>(found);
        JsonNode result = screening == null || screening.isBlank() ? json.createArrayNode() : json.readTree(screening);
        if (result.isObject()) { // one rule fired: JSONata gives the object, not a list of one
            holds.add(new Hold(result.path("rule").asText(), result.path("reason").asText()));
        }
        for (JsonNode hold : result.isArray() ? result : json.createArrayNode()) {
            holds.add(new Hold(hold.path("rule").asText(), hold.path("reason").asText()));
        }
        return holds;
    }
}
