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
 * clamped); the {@code appkey} and {@code appsecret} headers.
 */
public class N11Simulator extends ChannelSimulator {

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
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        if (!appKey.equals(exchange.getRequestHeaders().getFirst("appkey"))
                || !appSecret.equals(exchange.getRequestHeaders().getFirst("appsecret"))) {
            SimulatorServer.respond(exchange, 401, "{\"message\":\"appkey or appsecret is invalid\"}");
            return;
        }
        if (!exchange.getRequestURI().getPath().endsWith("/rest/delivery/v1/shipmentPackages")
                || !"GET".equals(exchange.getRequestMethod())) {
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
