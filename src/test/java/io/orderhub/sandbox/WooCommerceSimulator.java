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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the WooCommerce REST API v3 as WooCommerce documents it: {@code GET /wp-json/wc/v3/orders} with
 * {@code status}, {@code orderby=modified}, {@code order}, {@code modified_after} with {@code dates_are_gmt},
 * {@code page} and {@code per_page} (at most 100), a bare JSON array with X-WP-Total and X-WP-TotalPages; HTTP
 * Basic with the consumer key and secret; and the write-back calls {@code PUT /orders/{id}} (status and meta) and
 * {@code POST /orders/{id}/notes}.
 * Stock: {@code POST products/batch} as WooCommerce runs it: at most 100 objects (else 413
 * {@code woocommerce_rest_request_entity_too_large}), an absolute {@code stock_quantity} per product with no
 * compare-and-set, an unknown product answered in the 200 as that item's {@code error}; and each product's stock
 * lowered by the orders the store sells.
 */
public class WooCommerceSimulator extends ChannelSimulator {

    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern ORDER = Pattern.compile(".*/wp-json/wc/v3/orders/(\\d+)(/notes)?");

    private final String consumerKey;
    private final String consumerSecret;

    public WooCommerceSimulator(ObjectMapper json, Clock clock, ChannelFaults faults, String consumerKey,
                                String consumerSecret) {
        super(json, clock, faults, "sandbox/woocommerce/order-basic.json",
                "sandbox/woocommerce/order-multiline-discount.json");
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
    }

    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        long id = 60_000 + n;
        order.put("id", id);
        order.put("number", String.valueOf(id));
        order.put("order_key", "wc_order_sandbox" + id);
        String gmt = gmt(now);
        order.put("date_created_gmt", gmt);
        order.put("date_modified_gmt", gmt);
        order.put("date_paid_gmt", gmt);
        order.put("date_created", gmt);
        order.put("date_modified", gmt);
        for (String field : List.of("billing", "shipping")) {
            ((ObjectNode) order.get(field)).put("first_name", buyer[0]).put("last_name", buyer[1]);
        }
        numberLines(order, "line_items", "id", id * 10, false);
        for (JsonNode item : order.withArray("line_items")) {
            stock.computeIfPresent(item.path("product_id").asLong(), (product, left) -> left - item.path("quantity").asInt());
        }
    }

    private final java.util.concurrent.atomic.AtomicLong varied = new java.util.concurrent.atomic.AtomicLong();

    /**
     * One order in three of the sandbox's stream ships to Berlin (the carrier rules give it DHL) and one in three
     * asks for express shipping (FedEx), so the default run books every carrier.
     */
    @Override
    protected void vary(ObjectNode order) {
        long n = varied.incrementAndGet();
        if (n % 3 == 1) {
            // a German buyer: billed there too, or the holds screen stops it (mappings/holds/screen.jsonata)
            for (String address : List.of("shipping", "billing")) {
                ((ObjectNode) order.get(address)).put("address_1", "Kastanienallee 12").put("address_2", "")
                        .put("city", "Berlin").put("state", "BE").put("postcode", "10435").put("country", "DE")
                        .put("phone", "+49 30 5550142");
            }
        } else if (n % 3 == 2) {
            for (JsonNode line : order.withArray("shipping_lines")) {
                ((ObjectNode) line).put("method_title", "Express shipping");
            }
        }
    }

    private final Map<Long, List<ObjectNode>> notes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Products and their stock: the sandbox's listings (mappings/inventory/listings.csv) and the samples' products. */
    private final Map<Long, Integer> stock = new java.util.concurrent.ConcurrentHashMap<>(
            Map.of(2101L, 0, 2110L, 0, 2120L, 0));
    private static final int BATCH_LIMIT = 100;

    /** The store's owner sets a product's stock by hand. */
    public void setStock(long productId, int quantity) {
        stock.put(productId, quantity);
    }

    /** A product's stock_quantity; null for a product the store does not have. */
    public Integer stockOf(long productId) {
        return stock.get(productId);
    }

    /** A product the store sells, with no stock yet. */
    public void addProduct(long productId) {
        stock.putIfAbsent(productId, 0);
    }
    private final java.util.concurrent.atomic.AtomicLong noteIds = new java.util.concurrent.atomic.AtomicLong(500);

    /** The notes added to a WooCommerce order, in order. */
    public List<ObjectNode> notesOf(long id) {
        return List.copyOf(notes.getOrDefault(id, List.of()));
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        if (!basicAuth(exchange, consumerKey, consumerSecret)) {
            SimulatorServer.respond(exchange, 401, "{\"code\":\"woocommerce_rest_cannot_view\","
                    + "\"message\":\"Sorry, you cannot list resources.\",\"data\":{\"status\":401}}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Matcher one = ORDER.matcher(path);
        if (path.endsWith("/wp-json/wc/v3/orders") && "GET".equals(exchange.getRequestMethod())) {
            list(exchange);
        } else if (path.endsWith("/wp-json/wc/v3/products") && "GET".equals(exchange.getRequestMethod())) {
            products(exchange);
        } else if (path.endsWith("/wp-json/wc/v3/products/batch") && "POST".equals(exchange.getRequestMethod())) {
            productsBatch(exchange);
        } else if (one.matches() && one.group(2) != null && "GET".equals(exchange.getRequestMethod())) {
            SimulatorServer.respond(exchange, 200, json.valueToTree(notes.getOrDefault(Long.parseLong(one.group(1)),
                    List.of())).toString());
        } else if (one.matches() && !"GET".equals(exchange.getRequestMethod())) {
            writeBack(exchange, Long.parseLong(one.group(1)), one.group(2) != null);
        } else {
            SimulatorServer.respond(exchange, 404, "{\"code\":\"rest_no_route\",\"message\":\"No route was found matching the URL and request method.\",\"data\":{\"status\":404}}");
        }
    }

    /** {@code GET products?include=1,2&per_page=}: the products named (at most per_page, 100 at most). */
    private void products(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "10"));
        if (perPage < 1 || perPage > 100) {
            SimulatorServer.respond(exchange, 400, "{\"code\":\"rest_invalid_param\",\"message\":\"Invalid "
                    + "parameter(s): per_page\"}");
            return;
        }
        com.fasterxml.jackson.databind.node.ArrayNode answer = json.createArrayNode();
        for (String id : java.net.URLDecoder.decode(query.getOrDefault("include", ""), java.nio.charset.StandardCharsets.UTF_8)
                .split(",")) {
            Integer left = id.matches("\\d{1,18}") ? stock.get(Long.parseLong(id)) : null;
            if (left != null && answer.size() < perPage) {
                answer.addObject().put("id", Long.parseLong(id)).put("manage_stock", true).put("stock_quantity", left);
            }
        }
        SimulatorServer.respond(exchange, 200, answer.toString());
    }

    private void productsBatch(HttpExchange exchange) throws IOException {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        int objects = request.path("create").size() + request.path("update").size() + request.path("delete").size();
        if (objects > BATCH_LIMIT) {
            SimulatorServer.respond(exchange, 413, "{\"code\":\"woocommerce_rest_request_entity_too_large\","
                    + "\"message\":\"Unable to accept more than " + BATCH_LIMIT + " items for this request.\","
                    + "\"data\":{\"status\":413}}");
            return;
        }
        ArrayNode updated = json.createArrayNode();
        for (JsonNode item : request.path("update")) {
            long id = item.path("id").asLong();
            if (!stock.containsKey(id)) {
                updated.addObject().put("id", id).putObject("error").put("code", "woocommerce_rest_product_invalid_id")
                        .put("message", "Invalid ID.").putObject("data").put("status", 400);
            } else {
                stock.put(id, item.path("stock_quantity").asInt());
                updated.addObject().put("id", id).put("manage_stock", true).put("stock_quantity", stock.get(id));
            }
        }
        SimulatorServer.respond(exchange, 200, json.createObjectNode().set("update", updated).toString());
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!"true".equals(query.get("dates_are_gmt")) || !"modified".equals(query.get("orderby"))) {
            SimulatorServer.respond(exchange, 400, "{\"code\":\"rest_invalid_param\",\"message\":\"the hub must ask with orderby=modified and dates_are_gmt=true\"}");
            return;
        }
        int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "10")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        String after = query.get("modified_after");
        LocalDateTime min = after == null ? null : LocalDateTime.parse(after.replace("Z", ""));
        String status = query.getOrDefault("status", "any");
        List<ObjectNode> matching = select(
                o -> ("any".equals(status) || status.equals(o.path("status").asText()))
                        && (min == null || !modified(o).isBefore(min)),
                WooCommerceSimulator::modified);
        int from = Math.min((page - 1) * perPage, matching.size());
        ArrayNode array = json.createArrayNode();
        matching.subList(from, Math.min(from + perPage, matching.size())).forEach(array::add);
        exchange.getResponseHeaders().set("X-WP-Total", String.valueOf(matching.size()));
        exchange.getResponseHeaders().set("X-WP-TotalPages", String.valueOf((matching.size() + perPage - 1) / perPage));
        SimulatorServer.respond(exchange, 200, array.toString());
    }

    private void writeBack(HttpExchange exchange, long id, boolean note) throws IOException {
        JsonNode body = recordWriteBack(exchange);
        if (find(o -> o.path("id").asLong() == id) == null) {
            SimulatorServer.respond(exchange, 404, "{\"code\":\"woocommerce_rest_shop_order_invalid_id\",\"message\":\"Invalid ID.\",\"data\":{\"status\":404}}");
            return;
        }
        if (note) {
            // every POST is a new note (and a new mail to the customer), as in WooCommerce
            ObjectNode created = json.createObjectNode().put("id", noteIds.incrementAndGet())
                    .put("note", body.path("note").asText()).put("customer_note", body.path("customer_note").asBoolean())
                    .put("date_created_gmt", gmt(now()));
            notes.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(created);
            SimulatorServer.respond(exchange, 201, created.toString());
            return;
        }
        ObjectNode updated = update(o -> o.path("id").asLong() == id, o -> {
            if (body.hasNonNull("status")) {
                o.put("status", body.get("status").asText());
                if ("completed".equals(body.get("status").asText())) {
                    o.put("date_completed_gmt", gmt(now()));
                }
            }
            if (body.has("meta_data")) {
                o.withArray("meta_data").addAll((ArrayNode) body.get("meta_data"));
            }
            o.put("date_modified_gmt", gmt(now()));
        });
        SimulatorServer.respond(exchange, 200, updated.toString());
    }

    private static LocalDateTime modified(ObjectNode order) {
        return LocalDateTime.parse(order.get("date_modified_gmt").asText());
    }

    private static String gmt(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).format(GMT);
    }
}
