package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The warehouses: accepts fulfillment orders on {@code POST /wms/fulfillment-orders} (dropping a repeated
 * Idempotency-Key, as a real receiver should), then reports picking, packed and shipped to the hub's status API,
 * one step every {@code stepDelay}, naming the warehouse. A fulfillment order that names its carrier is handed
 * over to it (the carrier reports delivery); one without (allocation off) ships with a tracking number of the
 * warehouse's own and is reported delivered too. A cancellation ({"action": "cancel"}) stops the work on the
 * order. It can be taken down ({@link #setAvailable}) to show an outage.
 */
public class WmsSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WmsSimulator.class);
    private static final List<String[]> STEPS = List.of(
            new String[]{"PICKING", "wms", "picking started"},
            new String[]{"PACKED", "wms", "packed in 1 parcel"},
            new String[]{"SHIPPED", "wms", "handed to carrier"},
            new String[]{"DELIVERED", "carrier", "delivered to recipient"});

    private final ObjectMapper json;
    private final HubClient hub;
    private final Duration stepDelay;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final List<String> receivedKeys = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Consumer<String> handOver;
    private final java.util.Set<String> canceled = ConcurrentHashMap.newKeySet();
    private volatile boolean available = true;
    private volatile Integer answer;
    private final Map<String, String> actions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean reportProgress = true;

    public WmsSimulator(ObjectMapper json, HubClient hub, Duration stepDelay,
                        Consumer<String> handOver) {
        this.json = json;
        this.handOver = handOver;
        this.hub = hub;
        this.stepDelay = stepDelay;
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    /**
     * Answers every fulfillment order with this status (a rotated token's 401, a 422 for a field it rejects) until
     * set back to null, as a real WMS does when it is misconfigured.
     */
    public void setAnswer(Integer status) {
        this.answer = status;
    }

    /** Tests that drive the status themselves switch the automatic reports off. */
    public void setReportProgress(boolean reportProgress) {
        this.reportProgress = reportProgress;
    }

    /** What the fulfillment order accepted under this Idempotency-Key asked for ("fulfil" or "cancel"), or null. */
    public String actionOf(String key) {
        return actions.get(key);
    }

    /** Every Idempotency-Key accepted, in order, each once. */
    public List<String> receivedKeys() {
        synchronized (receivedKeys) {
            return List.copyOf(receivedKeys);
        }
    }

    public void handle(HttpExchange exchange) throws IOException {
        if (!available) {
            SimulatorServer.respond(exchange, 503, "{\"error\":\"WMS unavailable (maintenance)\"}");
            return;
        }
        Integer refusal = answer;
        if (refusal != null) {
            SimulatorServer.respond(exchange, refusal, "{\"error\":\"refused with " + refusal + "\"}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            SimulatorServer.respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            SimulatorServer.respond(exchange, 400, "{\"error\":\"Idempotency-Key header is required\"}");
            return;
        }
        JsonNode order = json.readTree(exchange.getRequestBody());
        String orderId = order.path("orderId").asText("");
        if (orderId.isEmpty() || !order.path("lines").isArray() || order.path("lines").isEmpty()) {
            SimulatorServer.respond(exchange, 422, "{\"error\":\"orderId and lines are required\"}");
            return;
        }
        actions.putIfAbsent(key, order.path("action").asText("fulfil"));
        if ("cancel".equals(order.path("action").asText())) {
            boolean known = received.keySet().stream().anyMatch(k -> k.startsWith(orderId + ":"));
            canceled.add(orderId);
            receivedKeys.add(key);
            LOG.info("WMS simulator: fulfillment order for {} canceled", orderId);
            SimulatorServer.respond(exchange, 200, "{\"canceled\":" + known + "}");
            return;
        }
        String warehouse = order.path("warehouse").asText("");
        boolean carrierNamed = !order.path("carrier").asText("").isEmpty();
        String existing = received.putIfAbsent(key, "FO-" + orderId + (warehouse.isEmpty() ? "" : "-" + warehouse));
        if (existing != null) {
            SimulatorServer.respond(exchange, 200, "{\"fulfillmentOrderId\":\"" + existing + "\",\"duplicate\":true}");
            return;
        }
        receivedKeys.add(key);
        LOG.info("WMS simulator: fulfillment order for {} ({} lines) accepted at {}", orderId,
                order.path("lines").size(), warehouse.isEmpty() ? "the warehouse" : warehouse);
        if (reportProgress) {
            report(orderId, warehouse, carrierNamed, 0);
        }
        SimulatorServer.respond(exchange, 201, "{\"fulfillmentOrderId\":\"" + received.get(key) + "\"}");
    }

    private void report(String orderId, String warehouse, boolean carrierNamed, int step) {
        // a carrier the hub booked reports delivery itself
        if (step >= STEPS.size() || carrierNamed && "DELIVERED".equals(STEPS.get(step)[0])) {
            return;
        }
        scheduler.schedule(() -> {
            if (canceled.contains(orderId)) {
                return; // the warehouse stopped work on it
            }
            String[] s = STEPS.get(step);
            ObjectNode body = json.createObjectNode().put("status", s[0]).put("source", s[1]).put("detail", s[2]);
            if (!warehouse.isEmpty()) {
                body.put("warehouse", warehouse);
            }
            if ("SHIPPED".equals(s[0]) && !carrierNamed) {
                body.put("trackingNumber", "1ZSIM" + Math.abs(orderId.hashCode())).put("carrier", "UPS");
            }
            if (hub.post("/api/orders/" + orderId + "/status", body.toString())) {
                if ("SHIPPED".equals(s[0]) && carrierNamed) {
                    handOver.accept(orderId);
                }
                report(orderId, warehouse, carrierNamed, step + 1);
            } else {
                report(orderId, warehouse, carrierNamed, step); // the hub was not reachable: try the same step again
            }
        }, stepDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
