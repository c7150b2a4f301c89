package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.lifecycle.Hold;

import java.util.ArrayList;
import java.util.List;

/** Reads what mappings/holds/screen.jsonata answered: the rules that fired, or none. */
public class HoldRules {

    private final ObjectMapper json;

    public HoldRules(ObjectMapper json) {
        this.json = json;
    }

    /** No rule fired (an order that is not screened: it is not new). */
    public List<Hold> none() {
        return List.of();
    }

    public List<Hold> fired(String screening) throws JsonProcessingException {
        List<Hold> holds = new ArrayList<>();
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
