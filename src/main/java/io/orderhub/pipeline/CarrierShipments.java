package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Fulfillment;
import io.orderhub.config.HubProperties;
import io.orderhub.enrich.CarrierRules;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.lifecycle.StatusUpdate;
import io.orderhub.store.DeliveryLedger;
import io.orderhub.store.OrderStore;
import io.orderhub.store.TransitionResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the carrier routes call: the shipment request's input, the label the carrier answered, and a carrier's
 * tracking report as a status update (mappings/carriers/<carrier>/).
 */
public class CarrierShipments {

    private final OrderStore orders;
    private final CarrierRules rules;
    private final ObjectMapper json;
    private final Map<String, HubProperties.Carrier> carriers;
    private final String mappingsDir;
    private final Map<String, Map<String, Instant>> asked = new ConcurrentHashMap<>();

    public CarrierShipments(OrderStore orders, CarrierRules rules, ObjectMapper json,
                            Map<String, HubProperties.Carrier> carriers, String mappingsDir) {
        this.mappingsDir = mappingsDir;
        this.orders = orders;
        this.rules = rules;
        this.json = json;
        this.carriers = Map.copyOf(carriers);
    }

    /**
     * What the delivery of this revision asks of the carrier. A create: what shipment.jsonata reads ({"order":
     * <canonical>, "weightGrams", "desi"}) and the carrier it is for (the carrier's name in lower case, the folder of its
     * mappings; only a configured one). A void: the label of an order canceled, or shipped by its channel, after its
     * label was made. Or, for an order that stopped waiting to ship after an attempt of this create was begun (whose
     * answer may have been lost with a label bought), a look for that label to void it. Or nothing, and why.
     */
    public ShipmentInput request(String orderId, int revision, int begunBefore) throws JsonProcessingException {
        CanonicalOrder order = orders.find(orderId).orElseThrow();
        CanonicalOrder asScheduled = json.readValue(orders.canonicalJsonAt(orderId, revision), CanonicalOrder.class);
        String labelRef = order.fulfillmentOrNone().labelRef();
        if (asScheduled.status() == OrderStatus.RETURN_PENDING) {
            return returnLabel(order, asScheduled);
        }
        if (!asScheduled.status().isAtWarehouse()) {
            // scheduled when the order stopped before it shipped (see DeliveryPlan): its label, if any, is voided
            if (labelRef == null) {
                return ShipmentInput.skip("the order is " + order.status() + " and has no label to void");
            }
            String carrier = known(order.fulfillmentOrNone().carrier());
            if (carriers.get(carrier).voidUrl().isBlank()) {
                return ShipmentInput.skip(carrier + " offers no void call (hub.carriers." + carrier
                        + ".void-url): label " + labelRef + " stays");
            }
            return new ShipmentInput(carrier, null, null, labelRef, false, false);
        }
        // a label costs money: none when one is recorded already (a redelivery after the label was stored), or
        // when the order is no longer waiting to ship (canceled while the carrier was down, shipped by the channel)
        if (labelRef != null) {
            return ShipmentInput.skip("label " + labelRef + " is recorded already");
        }
        if (!order.status().isAtWarehouse()) {
            String carrier = known(asScheduled.fulfillmentOrNone().carrier());
            HubProperties.Carrier calls = carriers.get(carrier);
            // only a canceled order's lost label is voided: one that shipped meanwhile may carry it on its parcel
            // (the carrier refuses the cancel of a parcel handed in, and the delivery would end DEAD)
            if (order.status() == OrderStatus.CANCELED && begunBefore > 0 && !calls.lookupUrl().isBlank()
                    && !calls.voidUrl().isBlank()) {
                return new ShipmentInput(carrier, null, null, null, true, true);
            }
            return ShipmentInput.skip("the order is " + order.status() + ": no label");
        }
        // whether to ask is decided on the order as it is now; what to ask is the order of the delivery's revision,
        // the same on every attempt
        ObjectNode input = json.createObjectNode();
        input.set("order", json.valueToTree(asScheduled.withState(asScheduled.status(), asScheduled.fulfillment(), null)));
        input.put("weightGrams", rules.weightGrams(asScheduled));
        input.put("desi", rules.desi(asScheduled));
        String carrier = known(asScheduled.fulfillmentOrNone().carrier());
        boolean lookupOffered = !carriers.get(carrier).lookupUrl().isBlank();
        if (begunBefore > 0 && !lookupOffered) {
            // a second label would be bought blind: an operator looks at the carrier, then retries the delivery
            throw new DestinationRefusedException(DeliveryLedger.UNKNOWN_OUTCOME + ": an earlier label request of "
                    + orderId + " got no answer, and " + carrier + " finds no label by reference (hub.carriers."
                    + carrier + ".lookup-url); check " + carrier + " for a label of this order, void it if there is"
                    + " one, then retry this delivery");
        }
        return new ShipmentInput(carrier, json.writeValueAsString(input), null, null, lookupOffered, false);
    }

    /**
     * A return was opened: a return label from the carrier that shipped the order, where it offers one (a
     * mappings/carriers/<carrier>/return.jsonata and hub.carriers.<carrier>.return-url). Return labels are billed
     * when used, so an attempt whose answer was lost is simply made again.
     */
    private ShipmentInput returnLabel(CanonicalOrder order, CanonicalOrder asScheduled) throws JsonProcessingException {
        Fulfillment fulfillment = order.fulfillmentOrNone();
        if (fulfillment.returnLabelRef() != null) {
            return ShipmentInput.skip("return label " + fulfillment.returnLabelRef() + " is recorded already");
        }
        if (fulfillment.labelRef() == null || fulfillment.carrier() == null) {
            return ShipmentInput.skip("the hub booked no shipment of this order: no return label");
        }
        String carrier = known(fulfillment.carrier());
        if (carriers.get(carrier).returnUrl().isBlank()
                || !Files.exists(Path.of(mappingsDir, "carriers", carrier, "return.jsonata"))) {
            return ShipmentInput.skip(carrier + " offers no return label (hub.carriers." + carrier + ".return-url)");
        }
        ObjectNode input = json.createObjectNode();
        input.set("order", json.valueToTree(asScheduled.withState(asScheduled.status(), fulfillment, null)));
        input.put("weightGrams", rules.weightGrams(asScheduled));
        input.put("desi", rules.desi(asScheduled));
        return new ShipmentInput(carrier, json.writeValueAsString(input), null, null, false, false, true);
    }

    /**
     * The key of a carrier the rules name (its folder under mappings/carriers/ and its hub.carriers entry): the
     * first word of its name in lower case without accents, so "Yurtici Kargo" and "Yurtiçi Kargo" are yurtici.
     */
    public String known(String carrier) {
        String key = key(carrier);
        if (!carriers.containsKey(key)) {
            throw new IllegalArgumentException("unknown carrier '" + carrier + "'; configured: " + carriers.keySet());
        }
        return key;
    }

    static String key(String carrier) {
        String word = carrier == null ? "" : carrier.strip().split("\\s+")[0].replace('ı', 'i').replace('İ', 'I');
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Up to {@code limit} SHIPPED orders whose label the carrier holds, those asked longest ago (or never) first:
     * what a carrier that does not push is asked about in one round of its tracking poll. The round's candidates
     * are the {@code 10 * limit} least recently changed, so a round costs the same however many parcels travel.
     */
    public List<String> awaitingTracking(String carrier, int limit) {
        List<String> shipped = orders.shippedWithLabelOf(carrier, limit * 10);
        Map<String, Instant> seen = asked.computeIfAbsent(carrier, c -> new ConcurrentHashMap<>());
        seen.keySet().retainAll(Set.copyOf(shipped));
        List<String> due = shipped.stream()
                .sorted(Comparator.comparing(id -> seen.getOrDefault(id, Instant.MIN)))
                .limit(limit).toList();
        Instant now = Instant.now();
        due.forEach(id -> seen.put(id, now));
        return due;
    }

    /** {"trackingNumbers": [...], "labelRef"} from label.jsonata, stored on the order. */
    public TransitionResult recordLabel(String orderId, String carrier, String label) throws JsonProcessingException {
        JsonNode node = json.readTree(label);
        List<String> numbers = new ArrayList<>();
        node.path("trackingNumbers").forEach(n -> numbers.add(n.asText()));
        if (node.path("trackingNumbers").isTextual()) {
            numbers.add(node.path("trackingNumbers").asText());
        }
        if (numbers.isEmpty()) {
            throw new IllegalStateException(carrier + " answered without a tracking number: " + label);
        }
        return orders.recordLabel(orderId, carrier, numbers, node.path("labelRef").asText(null));
    }

    /** {"trackingNumbers": [...], "labelRef"} of a return label from label.jsonata, stored on the order. */
    public TransitionResult recordReturnLabel(String orderId, String carrier, String label) throws JsonProcessingException {
        JsonNode node = json.readTree(label);
        String number = node.path("trackingNumbers").isArray() ? node.path("trackingNumbers").path(0).asText(null)
                : node.path("trackingNumbers").asText(null);
        if (number == null) {
            throw new IllegalStateException(carrier + " answered a return label without a tracking number: " + label);
        }
        return orders.recordReturnLabel(orderId, carrier, number, node.path("labelRef").asText(number));
    }

    /** The carrier voided the order's label: noted on the order, which no longer has one. */
    public TransitionResult recordVoid(String orderId, String carrier, String labelRef) {
        return orders.recordLabelVoided(orderId, carrier, labelRef);
    }

    /**
     * A tracking report as tracking.jsonata read it, {"orderId", "status", "detail", "trackingNumber"}: in transit
     * and failed delivery are notes on a SHIPPED order, delivered moves it to DELIVERED.
     */
    public TrackingReport report(String carrier, String tracking) throws JsonProcessingException {
        JsonNode node = json.readTree(tracking);
        String orderId = node.path("orderId").asText("");
        String status = node.path("status").asText("");
        if (orderId.isEmpty() || status.isEmpty()) {
            throw new IllegalArgumentException(carrier + " tracking report names no order or status: " + tracking);
        }
        return new TrackingReport(orderId, new StatusUpdate(OrderStatus.valueOf(status), carrier,
                node.path("detail").asText(null), node.path("trackingNumber").asText(null), null));
    }

    /**
     * The carrier's folder under mappings/carriers/ and either the input of its shipment mapping (and whether the
     * carrier can look a shipment up by reference), the label to void, or a label that may have been bought without
     * the hub hearing of it ({@code voidLost}: looked up by reference and voided); or why nothing is asked.
     */
    public record ShipmentInput(String carrier, String json, String skip, String voidLabel, boolean lookupOffered,
                                boolean voidLost, boolean returnLabel) {
        ShipmentInput(String carrier, String json, String skip, String voidLabel, boolean lookupOffered,
                      boolean voidLost) {
            this(carrier, json, skip, voidLabel, lookupOffered, voidLost, false);
        }

        static ShipmentInput skip(String why) {
            return new ShipmentInput(null, null, why, null, false, false);
        }
    }

    public record TrackingReport(String orderId, StatusUpdate update) {
    }
}
