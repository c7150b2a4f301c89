package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the Trendyol seller integration API as Trendyol documents it: {@code GET
 * /integration/order/sellers/{sellerId}/orders} with startDate/endDate (epoch ms on the package's last
 * modification), page (from 0), size (at most 200) and ordering by PackageLastModifiedDate; HTTP Basic with the API
 * key and secret, and the mandatory User-Agent "{sellerId} - {integrator}" (403 without it). Write-back:
 * {@code PUT .../shipment-packages/{id}} (Picking, then Invoiced), {@code .../update-tracking-number} and
 * {@code .../items/unsupplied}. Stock, asynchronous as on Trendyol: {@code POST
 * .../inventory/sellers/{id}/products/price-and-inventory} (at most 1000 items; a body identical to one sent in
 * the last 15 minutes is a 400) answers a batchRequestId; {@code GET .../products/batch-requests/{id}} answers no
 * items until the batch is processed (a second later), then each item SUCCESS, or FAILED for an unknown barcode or
 * a quantity over 20,000. The quantity per barcode is lowered by the packages it sells.
 */
public class TrendyolSimulator extends ChannelSimulator {

    private static final Pattern LIST = Pattern.compile(".*/integration/order/sellers/(\\d+)/orders");
    private static final Pattern CLAIMS = Pattern.compile(".*/integration/order/sellers/(\\d+)/claims");
    private final List<ObjectNode> claims = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong claimIds = new java.util.concurrent.atomic.AtomicLong();
    private static final Pattern PACKAGE = Pattern.compile(
            ".*/integration/order/sellers/(\\d+)/shipment-packages/(\\d+)(/update-tracking-number|/items/unsupplied)?");

    private static final Pattern STOCK = Pattern.compile(
            ".*/integration/inventory/sellers/(\\d+)/products/price-and-inventory");
    private static final Pattern BATCH = Pattern.compile(
            ".*/integration/product/sellers/(\\d+)/products/batch-requests/([A-Za-z0-9-]+)");
    private static final Pattern PRODUCTS = Pattern.compile(".*/integration/product/sellers/(\\d+)/products");
    private static final int MAX_STOCK = 20_000;
    /** Barcodes the store lists (mappings/inventory/listings.csv) and their quantities. */
    private final ListedStock stock = new ListedStock("8690000000101");
    private final Map<String, ObjectNode> batches = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Instant> recentBodies = new java.util.concurrent.ConcurrentHashMap<>();

    private final String sellerId;
    private final String apiKey;
    private final String apiSecret;

    public TrendyolSimulator(ObjectMapper json, Clock clock, ChannelFaults faults, String sellerId, String apiKey,
                             String apiSecret) {
        super(json, clock, faults, "sandbox/trendyol/package-1.json", "sandbox/trendyol/package-2.json");
        this.sellerId = sellerId;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        long id = 3_400_000_000L + n;
        order.put("shipmentPackageId", id);
        order.put("orderNumber", String.valueOf(10_900_000_000L + n));
        order.put("supplierId", Long.parseLong(sellerId));
        order.put("lastModifiedDate", now.toEpochMilli());
        order.put("orderDate", now.toEpochMilli() + 3 * 3_600_000L); // "GMT+3", as Trendyol sends it
        order.put("customerFirstName", buyer[0]);
        order.put("customerLastName", buyer[1]);
        for (String field : List.of("shipmentAddress", "invoiceAddress")) {
            ((ObjectNode) order.get(field)).put("firstName", buyer[0]).put("lastName", buyer[1])
                    .put("fullName", buyer[0] + " " + buyer[1]);
        }
        ArrayNode history = json.createArrayNode();
        history.addObject().put("createdDate", now.toEpochMilli()).put("status", "Created");
        order.set("packageHistories", history);
        numberLines(order, "lines", "lineId", id * 10, false);
        for (JsonNode line : order.withArray("lines")) {
            stock.sell(line.path("barcode").asText(), line.path("quantity").asInt());
        }
    }

    /** The quantity Trendyol holds for the barcode; null for one the store does not list. */
    public Integer stockOf(String barcode) {
        return stock.of(barcode);
    }

    public void addProduct(String barcode) {
        stock.list(barcode);
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        if (!basicAuth(exchange, apiKey, apiSecret)) {
            SimulatorServer.respond(exchange, 401, "{\"exception\":\"ClientApiAuthenticationException\","
                    + "\"message\":\"Unauthorized\"}");
            return;
        }
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        if (agent == null || !agent.matches(sellerId + " - [A-Za-z0-9]{1,30}")) {
            SimulatorServer.respond(exchange, 403, "{\"message\":\"User-Agent must be '" + sellerId
                    + " - {IntegratorName}'\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Matcher list = LIST.matcher(path);
        Matcher pkg = PACKAGE.matcher(path);
        Matcher claimList = CLAIMS.matcher(path);
        Matcher stockUpdate = STOCK.matcher(path);
        Matcher batch = BATCH.matcher(path);
        Matcher products = PRODUCTS.matcher(path);
        if (list.matches() && list.group(1).equals(sellerId) && "GET".equals(exchange.getRequestMethod())) {
            list(exchange);
        } else if (claimList.matches() && claimList.group(1).equals(sellerId) && "GET".equals(exchange.getRequestMethod())) {
            claims(exchange);
        } else if (stockUpdate.matches() && stockUpdate.group(1).equals(sellerId)
                && "POST".equals(exchange.getRequestMethod())) {
            updateStock(exchange);
        } else if (products.matches() && products.group(1).equals(sellerId)
                && "GET".equals(exchange.getRequestMethod())) {
            filterProducts(exchange);
        } else if (batch.matches() && batch.group(1).equals(sellerId) && "GET".equals(exchange.getRequestMethod())) {
            batchResult(exchange, batch.group(2));
        } else if (pkg.matches() && pkg.group(1).equals(sellerId) && "PUT".equals(exchange.getRequestMethod())) {
            writeBack(exchange, Long.parseLong(pkg.group(2)), pkg.group(3));
        } else {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private void updateStock(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode items = json.readTree(body).path("items");
        if (!items.isArray() || items.isEmpty() || items.size() > 1000) {
            SimulatorServer.respond(exchange, 400, "{\"errors\":[{\"message\":\"items: 1 to 1000\"}]}");
            return;
        }
        Instant now = Instant.now(clock);
        Instant sent = recentBodies.get(body);
        if (sent != null && sent.isAfter(now.minusSeconds(15 * 60))) {
            SimulatorServer.respond(exchange, 400, "{\"errors\":[{\"message\":\"15 dakika boyunca aynı isteği "
                    + "tekrarlı olarak atamazsınız!\"}]}");
            return;
        }
        recentBodies.put(body, now);
        String id = java.util.UUID.randomUUID().toString();
        ObjectNode batch = json.createObjectNode().put("batchRequestId", id).put("submittedAt", now.toEpochMilli());
        batch.set("request", items);
        batches.put(id, batch);
        SimulatorServer.respond(exchange, 200, json.createObjectNode().put("batchRequestId", id).toString());
    }

    /** filterProducts by barcode: the product with its quantity, or an empty page. */
    private void filterProducts(HttpExchange exchange) throws IOException {
        String barcode = java.net.URLDecoder.decode(String.valueOf(query(exchange.getRequestURI().getRawQuery())
                .get("barcode")), java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode answer = json.createObjectNode().put("page", 0).put("size", 50);
        ArrayNode content = answer.putArray("content");
        if (stock.listed(barcode)) {
            content.addObject().put("barcode", barcode).put("quantity", stock.of(barcode)).put("approved", true);
        }
        SimulatorServer.respond(exchange, 200, answer.put("totalElements", content.size()).toString());
    }

    /** No items while the batch is processed (a second); then each item, applied once. */
    private synchronized void batchResult(HttpExchange exchange, String id) throws IOException {
        ObjectNode batch = batches.get(id);
        if (batch == null) {
            SimulatorServer.respond(exchange, 404, "{\"errors\":[{\"message\":\"batch request not found\"}]}");
            return;
        }
        ObjectNode answer = json.createObjectNode().put("batchRequestId", id);
        ArrayNode results = answer.putArray("items");
        if (Instant.now(clock).toEpochMilli() - batch.path("submittedAt").asLong() >= 1000) {
            boolean applied = batch.path("applied").asBoolean();
            for (JsonNode item : batch.path("request")) {
                String barcode = item.path("barcode").asText();
                int quantity = item.path("quantity").asInt();
                ObjectNode result = results.addObject();
                result.set("requestItem", item);
                ArrayNode reasons = result.putArray("failureReasons");
                if (!stock.listed(barcode)) {
                    reasons.add("Ürün bulunamadı: " + barcode);
                } else if (quantity > MAX_STOCK) {
                    reasons.add("Stok " + MAX_STOCK + " adetten fazla olamaz");
                } else if (!applied) {
                    stock.set(barcode, quantity);
                }
                result.put("status", reasons.isEmpty() ? "SUCCESS" : "FAILED");
            }
            batch.put("applied", true);
        }
        SimulatorServer.respond(exchange, 200, answer.toString());
    }

    private void list(HttpExchange exchange) throws IOException {
        Window window = Window.of(query(exchange.getRequestURI().getRawQuery()));
        long start = window.start();
        long end = window.end();
        List<ObjectNode> matching = select(o -> {
            long modified = o.path("lastModifiedDate").asLong();
            return modified >= start && modified <= end;
        }, o -> o.path("lastModifiedDate").asLong());
        respondPage(exchange, matching, window.page(), window.size());
    }

    /** What a Trendyol list is asked for: a page of at most 200, between two epoch-millisecond times. */
    private record Window(int size, int page, long start, long end) {
        static Window of(Map<String, String> query) {
            return new Window(Math.min(200, Integer.parseInt(query.getOrDefault("size", "50"))),
                    Integer.parseInt(query.getOrDefault("page", "0")),
                    Long.parseLong(query.getOrDefault("startDate", "0")),
                    Long.parseLong(query.getOrDefault("endDate", String.valueOf(Long.MAX_VALUE))));
        }
    }

    /** One page of a Trendyol list: {page, size, totalPages, totalElements, content}. */
    private void respondPage(HttpExchange exchange, List<ObjectNode> matching, int page, int size) throws IOException {
        int from = Math.min(page * size, matching.size());
        ObjectNode body = json.createObjectNode()
                .put("page", page).put("size", size)
                .put("totalPages", (matching.size() + size - 1) / size)
                .put("totalElements", matching.size());
        ArrayNode content = body.putArray("content");
        matching.subList(from, Math.min(from + size, matching.size())).forEach(content::add);
        SimulatorServer.respond(exchange, 200, body.toString());
    }

    /**
     * The buyer opens a return claim for every line of a package, as Trendyol lists it: the claim's own return
     * package id, the order number, and per line the order line id with the claim item's status.
     */
    public ObjectNode openClaim(ObjectNode pkg, String status) {
        long id = claimIds.incrementAndGet();
        long now = now().toEpochMilli();
        ObjectNode claim = json.createObjectNode().put("id", "claim-" + id)
                .put("orderNumber", pkg.path("orderNumber").asText())
                .put("orderShipmentPackageId", 5_500_000_000L + id)
                .put("claimDate", now).put("lastModifiedDate", now);
        ArrayNode items = claim.putArray("items");
        for (JsonNode line : pkg.path("lines")) {
            ObjectNode item = items.addObject();
            item.putObject("orderLine").put("id", line.path("lineId").asLong()).put("barcode", line.path("barcode").asText());
            ObjectNode claimItem = item.putArray("claimItems").addObject().put("id", "item-" + id);
            claimItem.putObject("claimItemStatus").put("name", status);
            claimItem.putObject("customerClaimItemReason").put("name", "Size does not fit");
        }
        claims.add(claim);
        return claim;
    }

    /** Trendyol moves the claim on (WaitingInAction, Accepted, Rejected). */
    public void setClaimStatus(ObjectNode claim, String status) {
        claim.put("lastModifiedDate", now().toEpochMilli());
        claim.path("items").forEach(item -> item.path("claimItems").forEach(c ->
                ((ObjectNode) c.path("claimItemStatus")).put("name", status)));
    }

    private void claims(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Window window = Window.of(query);
        long start = window.start();
        long end = window.end();
        String status = query.get("claimItemStatus");
        List<ObjectNode> matching = claims.stream()
                .filter(c -> c.path("claimDate").asLong() >= start && c.path("claimDate").asLong() <= end)
                .filter(c -> status == null || c.findValuesAsText("name").contains(status))
                .sorted(java.util.Comparator.comparingLong(c -> c.path("lastModifiedDate").asLong()))
                .map(ObjectNode::deepCopy).toList();
        respondPage(exchange, matching, window.page(), window.size());
    }

    private void writeBack(HttpExchange exchange, long packageId, String action) throws IOException {
        JsonNode body = recordWriteBack(exchange);
        if (find(o -> o.path("shipmentPackageId").asLong() == packageId) == null) {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"shipment package not found\"}");
            return;
        }
        update(o -> o.path("shipmentPackageId").asLong() == packageId, o -> {
            if (action == null && body.hasNonNull("status")) {
                o.put("shipmentPackageStatus", body.get("status").asText());
                o.put("status", body.get("status").asText());
            } else if ("/update-tracking-number".equals(action)) {
                o.put("cargoTrackingNumber", body.path("trackingNumber").asText());
            } else if ("/items/unsupplied".equals(action)) {
                o.put("shipmentPackageStatus", "UnSupplied");
                o.put("status", "UnSupplied");
            }
            o.put("lastModifiedDate", now().toEpochMilli());
        });
        SimulatorServer.respond(exchange, 200, "");
    }
}
