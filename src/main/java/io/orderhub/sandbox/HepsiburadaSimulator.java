package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the Hepsiburada OMS external API as integrators use it: {@code GET /orders/merchantid/{merchantId}} with
 * offset, limit and begindate/enddate ("yyyy-MM-dd HH:mm", Turkey time), answering one row per order LINE in
 * {@code {totalCount, limit, offset, pageCount, items}}; HTTP Basic. Like the real API, that list holds open orders
 * only: an order leaves it once canceled ({@code .../cancelled}) or shipped, delivered or undelivered
 * ({@code /packages/merchantid/{id}/shipped|delivered|undelivered}), which serve the same rows in the same envelope. Write-back: {@code POST /packages/merchantid/{id}}
 * (package lines), {@code PUT .../packagenumber/{n}/intransit} (own-carrier tracking) and {@code POST
 * /lineitems/merchantid/{id}/id/{lineId}/cancelbymerchant}.
 */
public class HepsiburadaSimulator extends ChannelSimulator {

    private static final ZoneId TURKEY = ZoneId.of("Europe/Istanbul");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern LIST = Pattern.compile(
            ".*/(orders|packages)/merchantid/([0-9a-f-]+)(/cancelled|/shipped|/delivered|/undelivered)?");
    /** Which row statuses each list shows (the open list: paid and not yet packaged, shipped or canceled). */
    private static final Map<String, List<String>> LISTS = Map.of(
            "orders", List.of("Open", "Unpacked"),
            "orders/cancelled", List.of("CancelledByMerchant", "CancelledByCustomer", "CancelledBySap"),
            "packages/shipped", List.of("InTransit", "Shipped"),
            "packages/delivered", List.of("Delivered"),
            "packages/undelivered", List.of("Undelivered"));
    private static final Pattern WRITE = Pattern.compile(".*/(packages|lineitems)/merchantid/([0-9a-f-]+).*");
    private final AtomicLong packages = new AtomicLong();

    private final String merchantId;
    private final String username;
    private final String password;

    public HepsiburadaSimulator(ObjectMapper json, Clock clock, ChannelFaults faults, String merchantId,
                                String username, String password) {
        super(json, clock, faults, "sandbox/hepsiburada/order-1.json", "sandbox/hepsiburada/order-2.json");
        this.merchantId = merchantId;
        this.username = username;
        this.password = password;
    }

    /** Each stored order is {"orderNumber", "rows": [one row per line]}; the rows share the order's fields. */
    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        String orderNumber = String.valueOf(4_100_000_000L + n);
        String local = turkey(now);
        order.put("orderNumber", orderNumber);
        String orderGuid = UUID.nameUUIDFromBytes(orderNumber.getBytes()).toString();
        int line = 0;
        for (JsonNode r : order.withArray("rows")) {
            ObjectNode row = (ObjectNode) r;
            row.put("id", UUID.nameUUIDFromBytes((orderNumber + "/" + (++line)).getBytes()).toString());
            row.put("orderId", orderGuid);
            row.put("orderNumber", orderNumber);
            row.put("merchantId", merchantId);
            row.put("orderDate", local);
            row.put("lastStatusUpdateDate", local);
            row.put("customerName", buyer[0] + " " + buyer[1]);
            ((ObjectNode) row.get("shippingAddress")).put("name", buyer[0] + " " + buyer[1]);
        }
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        if (!basicAuth(exchange, username, password)) {
            SimulatorServer.respond(exchange, 401, "{\"message\":\"Authorization has been denied for this request.\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Matcher list = LIST.matcher(path);
        Matcher write = WRITE.matcher(path);
        if (list.matches() && list.group(2).equals(merchantId) && "GET".equals(exchange.getRequestMethod())
                && LISTS.containsKey(list.group(1) + (list.group(3) == null ? "" : list.group(3)))) {
            list(exchange, LISTS.get(list.group(1) + (list.group(3) == null ? "" : list.group(3))));
        } else if (write.matches() && write.group(2).equals(merchantId) && !"GET".equals(exchange.getRequestMethod())) {
            JsonNode body = recordWriteBack(exchange);
            if (path.endsWith("/packages/merchantid/" + merchantId) && "POST".equals(exchange.getRequestMethod())) {
                packLines(exchange, body);
            } else {
                SimulatorServer.respond(exchange, 200, "{\"success\":true}");
            }
        } else {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    /** Packing lines answers the new package's number and cargo barcode; every line must be one of an order here. */
    private void packLines(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode lines = body.path("lineItemRequests");
        boolean known = lines.isArray() && !lines.isEmpty();
        for (JsonNode line : lines) {
            String id = line.path("id").asText();
            known &= find(o -> o.withArray("rows").findValuesAsText("id").contains(id)) != null;
        }
        if (!known) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"lineItemRequests must name line items of this merchant\"}");
            return;
        }
        long number = 7_000_000_000L + packages.incrementAndGet();
        SimulatorServer.respond(exchange, 200, json.createObjectNode().put("packageNumber", String.valueOf(number))
                .put("barcode", "HBK" + number).toString());
    }

    private void list(HttpExchange exchange, List<String> statuses) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = Math.min(100, Integer.parseInt(query.getOrDefault("limit", "50")));
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        LocalDateTime begin = minutes(query.get("begindate"), LocalDateTime.MIN);
        LocalDateTime end = minutes(query.get("enddate"), LocalDateTime.MAX).plusSeconds(59);
        List<JsonNode> rows = new ArrayList<>();
        select(o -> {
            LocalDateTime updated = updated(o);
            return !updated.isBefore(begin) && !updated.isAfter(end)
                    && statuses.contains(o.withArray("rows").get(0).path("status").asText());
        }, HepsiburadaSimulator::updated).forEach(o -> o.withArray("rows").forEach(rows::add));
        ObjectNode body = json.createObjectNode()
                .put("totalCount", rows.size()).put("limit", limit).put("offset", offset);
        ArrayNode items = body.putArray("items");
        rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size())).forEach(items::add);
        body.put("pageCount", (rows.size() + limit - 1) / limit);
        SimulatorServer.respond(exchange, 200, body.toString());
    }

    /** The order's lines move to another status now, as Hepsiburada's own flow (or its carrier) moves them. */
    public ObjectNode changeStatus(String orderNumber, String status) {
        return update(o -> o.path("orderNumber").asText().equals(orderNumber), o -> o.withArray("rows").forEach(r ->
                ((ObjectNode) r).put("status", status).put("lastStatusUpdateDate", turkey(now()))));
    }

    private static LocalDateTime updated(ObjectNode order) {
        return LocalDateTime.parse(order.withArray("rows").get(0).get("lastStatusUpdateDate").asText());
    }

    private static LocalDateTime minutes(String value, LocalDateTime otherwise) {
        return value == null ? otherwise : LocalDateTime.parse(value.replace(' ', 'T'));
    }

    private static String turkey(Instant instant) {
        return LOCAL.format(instant.atZone(TURKEY));
    }
}
