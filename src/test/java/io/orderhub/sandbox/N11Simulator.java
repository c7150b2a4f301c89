package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Serves the n11 REST shipment-package listing as n11 documents it: {@code GET /rest/delivery/v1/shipmentPackages}
 * with exactly one {@code status}, startDate/endDate (epoch ms), page (from 0) and size (at most 100, larger is
 * clamped); the {@code appkey} and {@code appsecret} headers. Stock, asynchronous as n11's product tasks: {@code POST
 * /ms/product/tasks/price-stock-update} (an integrator and at most 1000 stock codes) answers the task's id, IN_QUEUE;
 * {@code POST /ms/product/task-details/page-query} answers IN_QUEUE with no details for a second, then PROCESSED
 * with SUCCESS, or FAIL for a stock code the store does not have. The orders it sells lower the stock.
 */
public class N11Simulator extends ChannelSimulator {

    /** The store's stock codes (mappings/inventory/listings.csv) and their quantities. */
    private final ListedStock stock = new ListedStock("TR-CAY-SET6");
    private final Map<Long, ObjectNode> tasks = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong taskIds = new java.util.concurrent.atomic.AtomicLong(880_000);

    private final String appKey;
    private final String appSecret;

    public N11Simulator(ObjectMapper json, Clock clock, ChannelFaults faults, String appKey, String appSecret) {
        super(json, clock, faults, "sandbox/n11/package-1.json", "sandbox/n11/package-2.json");
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        long id = 210_000_000L + n;
        order.put("id", id);
        order.put("orderNumber", String.valueOf(206_000_000_000L + n));
        order.put("lastModifiedDate", now.toEpochMilli());
        order.put("customerfullName", buyer[0] + " " + buyer[1]);
        for (String field : List.of("shippingAddress", "billingAddress")) {
            ((ObjectNode) order.get(field)).put("fullName", buyer[0] + " " + buyer[1]);
        }
        ArrayNode history = json.createArrayNode();
        history.addObject().put("status", "Created").put("createdDate", now.toEpochMilli());
        order.set("packageHistories", history);
        numberLines(order, "lines", "orderLineId", id * 10, false);
        for (com.fasterxml.jackson.databind.JsonNode line : order.withArray("lines")) {
            stock.sell(line.path("stockCode").asText(), line.path("quantity").asInt());
        }
    }

    public void addStockCode(String stockCode) {
        stock.list(stockCode);
    }

    /** The quantity n11 holds for the stock code; null for one the store does not have. */
    public Integer stockOf(String stockCode) {
        return stock.of(stockCode);
    }

    private void priceStockUpdate(HttpExchange exchange) throws IOException {
        com.fasterxml.jackson.databind.JsonNode payload = json.readTree(exchange.getRequestBody()).path("payload");
        com.fasterxml.jackson.databind.JsonNode skus = payload.path("skus");
        if (payload.path("integrator").asText("").isBlank() || !skus.isArray() || skus.isEmpty() || skus.size() > 1000) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"payload.integrator and 1 to 1000 skus are required\"}");
            return;
        }
        long id = taskIds.incrementAndGet();
        ObjectNode task = json.createObjectNode().put("submittedAt", Instant.now(clock).toEpochMilli());
        task.set("skus", skus);
        tasks.put(id, task);
        SimulatorServer.respond(exchange, 200, json.createObjectNode().put("id", id).put("type", "PRICE_STOCK_UPDATE")
                .put("status", "IN_QUEUE").toString());
    }

    private synchronized void taskDetails(HttpExchange exchange) throws IOException {
        long id = json.readTree(exchange.getRequestBody()).path("taskId").asLong();
        ObjectNode task = tasks.get(id);
        if (task == null) {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"task " + id + " not found\"}");
            return;
        }
        ObjectNode answer = json.createObjectNode().put("taskId", id);
        ArrayNode content = answer.putArray("content");
        if (Instant.now(clock).toEpochMilli() - task.path("submittedAt").asLong() < 1000) {
            SimulatorServer.respond(exchange, 200, answer.put("taskStatus", "IN_QUEUE").put("totalElements", 0)
                    .toString());
            return;
        }
        for (com.fasterxml.jackson.databind.JsonNode sku : task.path("skus")) {
            String code = sku.path("stockCode").asText();
            ObjectNode item = content.addObject().put("taskId", id).put("itemCode", code);
            ArrayNode reasons = item.putArray("reasons");
            if (!stock.listed(code)) {
                reasons.add("Stok kodu bulunamadı: " + code);
            } else if (!task.path("applied").asBoolean()) {
                stock.set(code, sku.path("quantity").asInt());
            }
            item.put("status", reasons.isEmpty() ? "SUCCESS" : "FAIL");
        }
        task.put("applied", true);
        SimulatorServer.respond(exchange, 200, answer.put("taskStatus", "PROCESSED").put("totalElements",
                content.size()).toString());
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        if (!appKey.equals(exchange.getRequestHeaders().getFirst("appkey"))
                || !appSecret.equals(exchange.getRequestHeaders().getFirst("appsecret"))) {
            SimulatorServer.respond(exchange, 401, "{\"message\":\"appkey or appsecret is invalid\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/ms/product/tasks/price-stock-update") && "POST".equals(exchange.getRequestMethod())) {
            priceStockUpdate(exchange);
            return;
        }
        if (path.endsWith("/ms/product-query") && "GET".equals(exchange.getRequestMethod())) {
            String code = java.net.URLDecoder.decode(String.valueOf(query(exchange.getRequestURI().getRawQuery())
                    .get("stockCode")), java.nio.charset.StandardCharsets.UTF_8);
            ObjectNode answer = json.createObjectNode();
            ArrayNode content = answer.putArray("content");
            if (stock.listed(code)) {
                content.addObject().put("stockCode", code).put("quantity", stock.of(code));
            }
            SimulatorServer.respond(exchange, 200, answer.put("totalElements", content.size()).toString());
            return;
        }
        if (path.endsWith("/ms/product/task-details/page-query") && "POST".equals(exchange.getRequestMethod())) {
            taskDetails(exchange);
            return;
        }
        if (!path.endsWith("/rest/delivery/v1/shipmentPackages") || !"GET".equals(exchange.getRequestMethod())) {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"Not Found\"}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String status = query.get("status");
        if (status == null || status.contains(",")) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"exactly one status is required\"}");
            return;
        }
        int size = Math.min(100, Integer.parseInt(query.getOrDefault("size", "20")));
        int page = Integer.parseInt(query.getOrDefault("page", "0"));
        long start = Long.parseLong(query.getOrDefault("startDate", "0"));
        long end = Long.parseLong(query.getOrDefault("endDate", String.valueOf(Long.MAX_VALUE)));
        List<ObjectNode> matching = select(o -> status.equals(o.path("shipmentPackageStatus").asText())
                        && o.path("lastModifiedDate").asLong() >= start && o.path("lastModifiedDate").asLong() <= end,
                o -> o.path("lastModifiedDate").asLong());
        int from = Math.min(page * size, matching.size());
        List<ObjectNode> rows = matching.subList(from, Math.min(from + size, matching.size()));
        ObjectNode body = json.createObjectNode();
        rows.forEach(body.putArray("content")::add);
        body.put("totalPages", (matching.size() + size - 1) / size).put("page", page).put("size", size)
                .put("pageCount", rows.size());
        SimulatorServer.respond(exchange, 200, body.toString());
    }
}
