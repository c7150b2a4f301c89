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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the Hepsiburada OMS external API as integrators use it: {@code GET /orders/merchantid/{merchantId}} with
 * offset, limit and begindate/enddate ("yyyy-MM-dd HH:mm", Turkey time), answering one row per order LINE in
 * {@code {totalCount, limit, offset, pageCount, items}}; HTTP Basic. Like the real API, that list holds open orders
 * only: an order leaves it once canceled ({@code .../cancelled}) or shipped, delivered or undelivered
 * ({@code /packages/merchantid/{id}/shipped|delivered|undelivered}), which serve the same rows in the same envelope.
 * The order's detail, {@code GET /orders/merchantid/{id}/ordernumber/{orderNumber}}, shows each line's status and
 * package number. Write-back: {@code POST /packages/merchantid/{id}} packs lines (a line already in a package is
 * refused with 400, as Hepsiburada refuses it), {@code PUT .../packagenumber/{n}/intransit} puts a package in transit
 * with its tracking number (once: a package already in transit is refused), and {@code POST
 * /lineitems/merchantid/{id}/id/{lineId}/cancelbymerchant} cancels a line. Stock, asynchronous as on the listing
 * API: {@code POST /listings/merchantid/{id}/stock-uploads} (at most 1000) answers an id; {@code GET
 * .../stock-uploads/id/{id}} is Pending for a second, then Done with the listings it refused (unknown, or fulfilled
 * by Hepsiburada). The orders it sells lower the listing's stock.
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
    private static final Pattern DETAIL = Pattern.compile(".*/orders/merchantid/([0-9a-f-]+)/ordernumber/([0-9]+)");
    private static final Pattern IN_TRANSIT = Pattern.compile(".*/packagenumber/([0-9]+)/intransit");
    private final AtomicLong packages = new AtomicLong();
    private static final Pattern STOCK_UPLOADS = Pattern.compile(
            ".*/listings/merchantid/([0-9a-f-]+)/stock-uploads(?:/id/([A-Za-z0-9-]+))?");

    /** The merchant's listings (mappings/inventory/listings.csv); HBCV00000KHV25 is fulfilled by Hepsiburada. */
    private final ListedStock stock = new ListedStock("HBCV00000ABC01", "HBCV00000KHV25");
    private final java.util.Set<String> fulfilledByHb = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> merchantSkus = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
            "HBCV00000ABC01", "TR-CAY-SET6", "HBCV00000KHV25", "TR-KHV-250"));
    private static final Pattern LISTINGS = Pattern.compile(".*/listings/merchantid/([0-9a-f-]+)");
    private final Map<String, ObjectNode> uploads = new java.util.concurrent.ConcurrentHashMap<>();

    {
        fulfilledByHb.add("HBCV00000KHV25");
    }

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

    private final java.util.concurrent.atomic.AtomicLong varied = new java.util.concurrent.atomic.AtomicLong();

    /** One order in three of the sandbox's stream ships to İzmir, which the Turkish carrier rules give Aras. */
    @Override
    protected void vary(ObjectNode order) {
        if (varied.incrementAndGet() % 3 == 0) {
            for (JsonNode row : order.withArray("rows")) {
                ((ObjectNode) row.path("shippingAddress")).put("city", "İzmir").put("town", "Karşıyaka")
                        .put("district", "Bostanlı").put("address", "Bostanlı Mah. Cemal Gürsel Cad. No:40 Karşıyaka İzmir");
            }
        }
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
            stock.sell(row.path("sku").asText(), row.path("quantity").asInt());
        }
    }

    public void addListing(String hepsiburadaSku, String merchantSku) {
        stock.list(hepsiburadaSku);
        merchantSkus.put(hepsiburadaSku, merchantSku);
    }

    /** The merchant's listings by their SKUs ({@code merchantSkuList}, at most 50), with their available stock. */
    private void listings(HttpExchange exchange) throws IOException {
        List<String> wanted = List.of(java.net.URLDecoder.decode(String.valueOf(query(exchange.getRequestURI()
                .getRawQuery()).get("merchantSkuList")), java.nio.charset.StandardCharsets.UTF_8).split(","));
        if (wanted.size() > 50) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"at most 50 merchant SKUs\"}");
            return;
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode listings = answer.putArray("listings");
        merchantSkus.forEach((hbSku, merchantSku) -> {
            if (wanted.contains(merchantSku) && stock.listed(hbSku)) {
                listings.addObject().put("hepsiburadaSku", hbSku).put("merchantSku", merchantSku)
                        .put("availableStock", stock.of(hbSku)).put("isFulfilledByHB", fulfilledByHb.contains(hbSku));
            }
        });
        SimulatorServer.respond(exchange, 200, answer.put("totalCount", listings.size()).toString());
    }

    /** The stock Hepsiburada shows for the listing; null for one the merchant does not have. */
    public Integer stockOf(String hepsiburadaSku) {
        return stock.of(hepsiburadaSku);
    }

    /** A stock upload of at most 1000 listings is taken at once and answered with its id; it is processed later. */
    private void uploadStock(HttpExchange exchange) throws IOException {
        JsonNode items = json.readTree(exchange.getRequestBody());
        if (!items.isArray() || items.isEmpty() || items.size() > 1000) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"1 to 1000 listings an upload\"}");
            return;
        }
        for (JsonNode item : items) {
            if (!item.hasNonNull("hepsiburadaSku") || !item.hasNonNull("merchantSku")
                    || !item.path("availableStock").canConvertToInt() || item.path("availableStock").asInt() < 0) {
                SimulatorServer.respond(exchange, 400, "{\"message\":\"hepsiburadaSku, merchantSku and a "
                        + "non-negative availableStock are required\"}");
                return;
            }
        }
        String id = UUID.randomUUID().toString();
        ObjectNode upload = json.createObjectNode().put("id", id).put("submittedAt", now().toEpochMilli());
        upload.set("items", items);
        uploads.put(id, upload);
        SimulatorServer.respond(exchange, 200, json.createObjectNode().put("id", id).toString());
    }

    /** Pending for a second; then Done, applied once, with the listings it refused. */
    private synchronized void uploadResult(HttpExchange exchange, String id) throws IOException {
        ObjectNode upload = uploads.get(id);
        if (upload == null) {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"upload " + id + " not found\"}");
            return;
        }
        ObjectNode answer = json.createObjectNode().put("id", id).put("total", upload.path("items").size());
        if (now().toEpochMilli() - upload.path("submittedAt").asLong() < 1000) {
            SimulatorServer.respond(exchange, 200, answer.put("status", "Pending").toString());
            return;
        }
        ArrayNode errors = answer.put("status", "Done").putArray("errors");
        int element = 0;
        for (JsonNode item : upload.path("items")) {
            String sku = item.path("hepsiburadaSku").asText();
            String why = !stock.listed(sku) ? "Listing bulunamadı" : fulfilledByHb.contains(sku)
                    ? "Hepsiburada tarafından karşılanan listingin stoğu güncellenemez" : null;
            if (why != null) {
                ObjectNode error = errors.addObject().put("elementNo", element).put("hepsiburadaSku", sku)
                        .put("merchantSku", item.path("merchantSku").asText());
                error.putArray("errors").add(why);
            } else if (!upload.path("applied").asBoolean()) {
                stock.set(sku, item.path("availableStock").asInt());
            }
            element++;
        }
        upload.put("applied", true);
        SimulatorServer.respond(exchange, 200, answer.toString());
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
        Matcher detail = DETAIL.matcher(path);
        Matcher inTransit = IN_TRANSIT.matcher(path);
        Matcher stockUploads = STOCK_UPLOADS.matcher(path);
        Matcher listingsRead = LISTINGS.matcher(path);
        if (listingsRead.matches() && listingsRead.group(1).equals(merchantId)
                && "GET".equals(exchange.getRequestMethod())) {
            listings(exchange);
        } else if (stockUploads.matches() && stockUploads.group(1).equals(merchantId)) {
            if (stockUploads.group(2) == null && "POST".equals(exchange.getRequestMethod())) {
                uploadStock(exchange);
            } else if (stockUploads.group(2) != null && "GET".equals(exchange.getRequestMethod())) {
                uploadResult(exchange, stockUploads.group(2));
            } else {
                SimulatorServer.respond(exchange, 405, "{\"message\":\"Method Not Allowed\"}");
            }
        } else if (detail.matches() && detail.group(1).equals(merchantId) && "GET".equals(exchange.getRequestMethod())) {
            detail(exchange, detail.group(2));
        } else if (list.matches() && list.group(2).equals(merchantId) && "GET".equals(exchange.getRequestMethod())
                && LISTS.containsKey(list.group(1) + (list.group(3) == null ? "" : list.group(3)))) {
            list(exchange, LISTS.get(list.group(1) + (list.group(3) == null ? "" : list.group(3))));
        } else if (write.matches() && write.group(2).equals(merchantId) && !"GET".equals(exchange.getRequestMethod())) {
            JsonNode body = recordWriteBack(exchange);
            if (path.endsWith("/packages/merchantid/" + merchantId) && "POST".equals(exchange.getRequestMethod())) {
                packLines(exchange, body);
            } else if (inTransit.matches() && "PUT".equals(exchange.getRequestMethod())) {
                putInTransit(exchange, inTransit.group(1), body);
            } else {
                SimulatorServer.respond(exchange, 200, "{\"success\":true}");
            }
        } else {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    /**
     * Packing lines answers the new package's number and cargo barcode; every line must be one of an order here and
     * not in a package yet. The lines leave the open-orders list (status Packaged).
     */
    private synchronized void packLines(HttpExchange exchange, JsonNode body) throws IOException {
        List<String> ids = body.path("lineItemRequests").findValuesAsText("id");
        ObjectNode order = ids.isEmpty() ? null : find(o -> o.withArray("rows").findValuesAsText("id").containsAll(ids));
        if (order == null) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"lineItemRequests must name line items of one order of this merchant\"}");
            return;
        }
        List<ObjectNode> rows = rows(order, r -> ids.contains(r.path("id").asText()));
        if (rows.stream().anyMatch(r -> r.hasNonNull("packageNumber"))) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"line items are already packaged\"}");
            return;
        }
        String number = String.valueOf(7_000_000_000L + packages.incrementAndGet());
        rows.forEach(r -> r.put("packageNumber", number).put("status", "Packaged")
                .put("lastStatusUpdateDate", turkey(now())));
        SimulatorServer.respond(exchange, 200, json.createObjectNode().put("packageNumber", number)
                .put("barcode", "HBK" + number).toString());
    }

    /** A packed package goes in transit with the merchant's carrier's tracking number, once. */
    private synchronized void putInTransit(HttpExchange exchange, String number, JsonNode body) throws IOException {
        ObjectNode order = find(o -> o.withArray("rows").findValuesAsText("packageNumber").contains(number));
        if (order == null) {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"package " + number + " not found\"}");
            return;
        }
        List<ObjectNode> rows = rows(order, r -> number.equals(r.path("packageNumber").asText()));
        if (rows.stream().anyMatch(r -> !"Packaged".equals(r.path("status").asText()))) {
            SimulatorServer.respond(exchange, 400, "{\"message\":\"package " + number + " is not in Packaged status\"}");
            return;
        }
        rows.forEach(r -> r.put("status", "InTransit").put("trackingNumber", body.path("trackingNumber").asText())
                .put("lastStatusUpdateDate", turkey(now())));
        SimulatorServer.respond(exchange, 200, "{\"success\":true}");
    }

    private synchronized void detail(HttpExchange exchange, String orderNumber) throws IOException {
        ObjectNode order = find(o -> o.path("orderNumber").asText().equals(orderNumber));
        if (order == null) {
            SimulatorServer.respond(exchange, 404, "{\"message\":\"order " + orderNumber + " not found\"}");
            return;
        }
        ObjectNode body = json.createObjectNode().put("orderNumber", orderNumber);
        body.set("items", order.withArray("rows").deepCopy());
        SimulatorServer.respond(exchange, 200, body.toString());
    }

    /** The package numbers the order's lines are in now (a line in none is not counted). */
    public synchronized List<String> packagesOf(String orderNumber) {
        ObjectNode order = find(o -> o.path("orderNumber").asText().equals(orderNumber));
        return order == null ? List.of()
                : order.withArray("rows").findValuesAsText("packageNumber").stream().distinct().toList();
    }

    private static List<ObjectNode> rows(ObjectNode order, Predicate<ObjectNode> which) {
        List<ObjectNode> rows = new ArrayList<>();
        order.withArray("rows").forEach(r -> {
            if (which.test((ObjectNode) r)) {
                rows.add((ObjectNode) r);
            }
        });
        return rows;
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
