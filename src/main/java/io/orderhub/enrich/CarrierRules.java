package io.orderhub.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses the carrier and service of an order with mappings/carriers/select.jsonata, which sees the order, its
 * weight (the catalog's weight of each line's master SKU times its quantity) and its desi.
 */
public class CarrierRules {

    private final RuleFile rules;
    private final Catalog catalog;

    public CarrierRules(RuleFile rules, Catalog catalog) {
        this.rules = rules;
        this.catalog = catalog;
    }

    public Choice choose(CanonicalOrder order) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("order", order);
        input.put("weightGrams", weightGrams(order));
        input.put("desi", desi(order));
        JsonNode choice = rules.evaluate(input);
        String carrier = choice.path("carrier").asText("");
        if (carrier.isEmpty()) {
            throw new IllegalStateException(rules + " chose no carrier for order " + order.orderId());
        }
        return new Choice(carrier, choice.path("service").asText(null));
    }

    public int weightGrams(CanonicalOrder order) {
        int grams = 0;
        for (OrderLine line : order.lines()) {
            grams += catalog.product(line.stockSku()).map(Catalog.Product::weightGrams).orElse(0) * line.quantity();
        }
        return grams;
    }

    /**
     * The order's desi, the volumetric weight Turkish carriers price by: the catalog holds weights and no
     * dimensions, so it is the weight in kilograms rounded up, at least 1.
     */
    public int desi(CanonicalOrder order) {
        return Math.max(1, (weightGrams(order) + 999) / 1000);
    }

    public record Choice(String carrier, String service) {
    }
}
