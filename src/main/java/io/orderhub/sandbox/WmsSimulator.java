package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A warehouse and its carrier: accepts fulfillment orders on {@code POST /wms/fulfillment-orders} (dropping a
 * repeated Idempotency-Key, as a real receiver should), then reports picking, packed, shipped with a tracking
 * number, and delivered to the hub's status API, one step every {@code stepDelay}. It can be taken down
 * ({@link #setAvailable}) to show a destination outage.
 */
public class WmsSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WmsSimulator.class);
    private static final List<String[]> STEPS = List.of(
            new String[]{"PICKING", "wms", "picking started"},
            new String[]{"PACKED", "wms", "packed in 1 parcel"},
            new String[]{"SHIPPED", "wms", "handed to carrier"},
            new String[]{"DELIVERED", "carrier", "delivered to recipient"});

    private final ObjectMapper json;
    private final IntSupplier hubPort;
    private final String authorization;
    private final Duration stepDelay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final List<String> receivedKeys = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean available = true;
    private volatile boolean reportProgress = true;

    public WmsSimulator(ObjectMapper json, IntSupplier hubPort, String apiUser, String apiPassword, Duration stepDelay) {
        this.json = json;
        this.hubPort = hubPort;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((apiUser + ":" + apiPassword).getBytes(StandardCharsets.UTF_8));
        this.stepDelay = stepDelay;
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** Tests that drive the status themselves switch the automatic reports off. */
    public void setReportProgress(boolean reportProgress) {
        this.reportProgress = reportProgress;
    }

    /** Every Idempotency-Key accepted, in order, each once. */
    public List<String> receivedKeys() {
        synchronized (receivedKeys) {
            return List.copyOf(receivedKeys);
        }
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!available) {
            SimulatorServer.respond(exchange, 503, "{\"error\":\"WMS unavailable (maintenance)\"}");
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
        String existing = received.putIfAbsent(key, "FO-" + orderId);
        if (existing != null) {
            SimulatorServer.respond(exchange, 200, "{\"fulfillmentOrderId\":\"" + existing + "\",\"duplicate\":true}");
            return;
        }
        receivedKeys.add(key);
        LOG.info("WMS simulator: fulfillment order for {} ({} lines) accepted", orderId, order.path("lines").size());
        if (reportProgress) {
            report(orderId, 0);
        }
        SimulatorServer.respond(exchange, 201, "{\"fulfillmentOrderId\":\"FO-" + orderId + "\"}");
    }

    private void report(String orderId, int step) {
        if (step >= STEPS.size()) {
            return;
        }
        scheduler.schedule(() -> {
            String[] s = STEPS.get(step);
            String body = "{\"status\":\"" + s[0] + "\",\"source\":\"" + s[1] + "\",\"detail\":\"" + s[2] + "\""
                    + ("SHIPPED".equals(s[0]) ? ",\"trackingNumber\":\"1ZSIM" + Math.abs(orderId.hashCode())
                    + "\",\"carrier\":\"UPS\"" : "") + "}";
            if (post(orderId, body)) {
                report(orderId, step + 1);
            } else {
                report(orderId, step); // the hub was not reachable: try the same step again
            }
        }, stepDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean post(String orderId, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + hubPort.getAsInt() + "/api/orders/" + orderId + "/status"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            // A 4xx (409: the lifecycle refused, say the order was canceled meanwhile) ends the reports.
            return status < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
