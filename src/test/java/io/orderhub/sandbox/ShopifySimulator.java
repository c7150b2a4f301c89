package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the Shopify Admin REST orders endpoint as Shopify documents it: {@code GET /admin/api/{version}/orders.json}
 * with {@code status}, {@code updated_at_min}, {@code limit}, ordering by updated_at, cursor pagination in the
 * {@code Link} header (a {@code page_info} request may carry only {@code limit}, anything else is a 400), and the
 * {@code X-Shopify-Access-Token} check. Orders are made from the shared samples; some arrive unpaid and are paid
 * (updated) a little later, so the hub sees creates and updates. Write-back: {@code GET
 * orders/{id}/fulfillment_orders.json} (one fulfillment order per order), {@code POST fulfillments.json} (closes the
 * fulfillment orders it names; a closed or unknown one is a 422) and {@code POST orders/{id}/cancel.json}.
 * Stock: the GraphQL {@code inventorySetQuantities} mutation as Shopify runs it from API version 2026-04 (an
 * idempotency key is required, the same key with other variables is refused, and a {@code changeFromQuantity} that
 * is not what Shopify holds makes the whole mutation CHANGE_FROM_QUANTITY_STALE), a read of
 * {@code inventoryItem(id).inventoryLevel(locationId).quantities}, and a quantity per item and location that the
 * orders it sells lower, as Shopify's own storefront does.
 */
public class ShopifySimulator extends ChannelSimulator {

    private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneOffset SHOP_OFFSET = ZoneOffset.ofHours(-5);

    private static final String API = "/admin/api/[0-9]{4}-[0-9]{2}";
    private static final Pattern FULFILLMENT_ORDERS = Pattern.compile(".*" + API + "/orders/(\\d+)/fulfillment_orders\\.json");
    private static final Pattern CANCEL = Pattern.compile(".*" + API + "/orders/(\\d+)/cancel\\.json");

    private final String accessToken;
    private final String basePath;
    private final Set<Long> closedFulfillmentOrders = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> levels = new ConcurrentHashMap<>();
    private final Map<String, String[]> idempotency = new ConcurrentHashMap<>();
    /** The sandbox's listings (mappings/inventory/listings.csv): which inventory item a line's SKU sells from. */
    private static final Map<String, String> ITEMS = Map.of("MUG-CER-12-BLU", "gid://shopify/InventoryItem/46120001",
            "TEA-SENCHA-100", "gid://shopify/InventoryItem/46120002");
    public static final String LOCATION = "gid://shopify/Location/71001";
    private static final Pattern VERSION = Pattern.compile(".*/admin/api/(\\d{4}-\\d{2})/graphql\\.json");

    public ShopifySimulator(ObjectMapper json, String basePath, String accessToken, Clock clock, ChannelFaults faults) {
        super(json, clock, faults, "sandbox/shopify/order-basic.json", "sandbox/shopify/order-multiline-discount.json");
        this.basePath = basePath;
        this.accessToken = accessToken;
    }

    /** Every fourth order is unpaid at first and paid by {@link #payPending()} later. */
    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        String time = shopTime(now);
        long id = 6_100_000_000_000L + n;
        order.put("id", id);
        order.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        order.put("name", "#" + (2000 + n));
        order.put("order_number", 2000 + n);
        order.put("number", 1000 + n);
        order.put("created_at", time);
        order.put("processed_at", time);
        order.put("updated_at", time);
        order.put("financial_status", n % 4 == 0 ? "pending" : "paid");
        for (String field : List.of("shipping_address", "billing_address")) {
            ObjectNode address = (ObjectNode) order.get(field);
            address.put("first_name", buyer[0]);
            address.put("last_name", buyer[1]);
            address.put("name", buyer[0] + " " + buyer[1]);
        }
        ObjectNode customer = (ObjectNode) order.get("customer");
        customer.put("id", 8_000_000_000L + n);
        customer.put("first_name", buyer[0]);
        customer.put("last_name", buyer[1]);
        numberLines(order, "line_items", "id", id * 10, false);
        for (JsonNode item : order.withArray("line_items")) {
            String inventoryItem = ITEMS.get(item.path("sku").asText());
            if (inventoryItem != null) {
                sell(inventoryItem, LOCATION, item.path("quantity").asInt());
            }
        }
    }

    /** What Shopify holds of the item at the location (0 for one never set, as for an item stocked there). */
    public int level(String inventoryItem, String location) {
        return levels.getOrDefault(inventoryItem + "|" + location, 0);
    }

    /** A sale on Shopify itself: its available quantity drops before the hub has taken the order in. */
    public void sell(String inventoryItem, String location, int quantity) {
        levels.merge(inventoryItem + "|" + location, -quantity, Integer::sum);
    }

    public ObjectNode placeOrder(boolean unpaid) {
        return placeOrder(order -> order.put("financial_status", unpaid ? "pending" : "paid"));
    }

    /** Pays the unpaid orders: an update with a later updated_at, as Shopify shows it. */
    public int payPending() {
        String paidAt = shopTime(now());
        return updateAll(o -> "pending".equals(o.path("financial_status").asText()),
                o -> o.put("financial_status", "paid").put("updated_at", paidAt));
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        if (!accessToken.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
            SimulatorServer.respond(exchange, 401,
                    "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher fulfillmentOrders = FULFILLMENT_ORDERS.matcher(path);
        Matcher cancel = CANCEL.matcher(path);
        if (path.matches(basePath + API + "/orders\\.json") && "GET".equals(method)) {
            list(exchange, path);
        } else if (fulfillmentOrders.matches() && "GET".equals(method)) {
            fulfillmentOrders(exchange, Long.parseLong(fulfillmentOrders.group(1)));
        } else if (path.matches(basePath + API + "/fulfillments\\.json") && "POST".equals(method)) {
            fulfill(exchange);
        } else if (path.matches(basePath + API + "/graphql\\.json") && "POST".equals(method)) {
            graphql(exchange, path);
        } else if (cancel.matches() && "POST".equals(method)) {
            recordWriteBack(exchange);
            ObjectNode order = find(o -> o.path("id").asLong() == Long.parseLong(cancel.group(1)));
            SimulatorServer.respond(exchange, order == null ? 404 : 200, order == null ? "{\"errors\":\"Not Found\"}"
                    : json.createObjectNode().set("order", order).toString());
        } else {
            SimulatorServer.respond(exchange, 404, "{\"errors\":\"Not Found\"}");
        }
    }

    private void graphql(HttpExchange exchange, String path) throws IOException {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        String query = request.path("query").asText();
        JsonNode variables = request.path("variables");
        if (query.contains("inventorySetQuantities")) {
            setQuantities(exchange, path, query, variables);
        } else if (query.contains("inventoryItem(")) {
            ObjectNode data = json.createObjectNode();
            for (int i = 0; variables.has("item" + i); i++) {
                data.putObject("l" + i).putObject("inventoryLevel").putArray("quantities").addObject()
                        .put("name", "available")
                        .put("quantity", level(variables.path("item" + i).asText(), variables.path("location" + i).asText()));
            }
            SimulatorServer.respond(exchange, 200, json.createObjectNode().set("data", data).toString());
        } else {
            SimulatorServer.respond(exchange, 200, "{\"errors\":[{\"message\":\"Field is not supported by the sandbox\"}]}");
        }
    }

    /** All or nothing: one stale quantity refuses the whole mutation. */
    private synchronized void setQuantities(HttpExchange exchange, String path, String query, JsonNode variables)
            throws IOException {
        Matcher version = VERSION.matcher(path);
        if (!version.matches() || version.group(1).compareTo("2026-04") < 0) {
            SimulatorServer.respond(exchange, 200, "{\"errors\":[{\"message\":\"InputObject 'InventoryQuantityInput' "
                    + "doesn't accept argument 'changeFromQuantity'\"}]}");
            return;
        }
        String key = variables.path("key").asText("");
        if (!query.contains("@idempotent(key: $key)") || key.isBlank()) {
            SimulatorServer.respond(exchange, 200, "{\"errors\":[{\"message\":\"The @idempotent directive is required "
                    + "for this mutation\"}]}");
            return;
        }
        String input = variables.path("input").toString();
        String[] earlier = idempotency.get(key);
        if (earlier != null) {
            SimulatorServer.respond(exchange, 200, earlier[0].equals(input) ? earlier[1]
                    : userErrors("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", "The same key was used with other variables"));
            return;
        }
        String answer;
        JsonNode quantities = variables.path("input").path("quantities");
        String stale = null;
        for (JsonNode quantity : quantities) {
            int held = level(quantity.path("inventoryItemId").asText(), quantity.path("locationId").asText());
            if (!quantity.has("changeFromQuantity") || quantity.path("changeFromQuantity").asInt() != held) {
                stale = quantity.path("inventoryItemId").asText();
            }
        }
        if (stale != null) {
            answer = userErrors("CHANGE_FROM_QUANTITY_STALE", "The quantity of " + stale + " changed");
        } else {
            for (JsonNode quantity : quantities) {
                levels.put(quantity.path("inventoryItemId").asText() + "|" + quantity.path("locationId").asText(),
                        quantity.path("quantity").asInt());
            }
            ObjectNode body = json.createObjectNode();
            ObjectNode result = body.putObject("data").putObject("inventorySetQuantities");
            result.putObject("inventoryAdjustmentGroup").put("id", "gid://shopify/InventoryAdjustmentGroup/" + key);
            result.putArray("userErrors");
            answer = body.toString();
        }
        idempotency.put(key, new String[] {input, answer});
        SimulatorServer.respond(exchange, 200, answer);
    }

    private String userErrors(String code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode result = body.putObject("data").putObject("inventorySetQuantities");
        result.putNull("inventoryAdjustmentGroup");
        result.putArray("userErrors").addObject().put("code", code).put("message", message)
                .putArray("field").add("input").add("quantities");
        return body.toString();
    }

    /** One fulfillment order per order, at its one location: open until a fulfillment closes it. */
    private void fulfillmentOrders(HttpExchange exchange, long orderId) throws IOException {
        ObjectNode order = find(o -> o.path("id").asLong() == orderId);
        if (order == null) {
            SimulatorServer.respond(exchange, 404, "{\"errors\":\"Not Found\"}");
            return;
        }
        long foId = fulfillmentOrderId(orderId);
        ObjectNode fo = json.createObjectNode().put("id", foId).put("order_id", orderId)
                .put("status", closedFulfillmentOrders.contains(foId) ? "closed" : "open")
                .put("request_status", "unsubmitted").put("assigned_location_id", 7_000_001L);
        ArrayNode lines = fo.putArray("line_items");
        for (JsonNode item : order.withArray("line_items")) {
            lines.addObject().put("id", item.path("id").asLong() + 500).put("fulfillment_order_id", foId)
                    .put("line_item_id", item.path("id").asLong()).put("quantity", item.path("quantity").asInt())
                    .put("fulfillable_quantity", closedFulfillmentOrders.contains(foId) ? 0 : item.path("quantity").asInt());
        }
        ObjectNode body = json.createObjectNode();
        body.putArray("fulfillment_orders").add(fo);
        SimulatorServer.respond(exchange, 200, body.toString());
    }

    /** POST fulfillments.json: every named fulfillment order must exist and be open (422 otherwise), as on Shopify. */
    private void fulfill(HttpExchange exchange) throws IOException {
        JsonNode request = recordWriteBack(exchange).path("fulfillment");
        JsonNode byOrder = request.path("line_items_by_fulfillment_order");
        if (!byOrder.isArray() || byOrder.isEmpty()) {
            SimulatorServer.respond(exchange, 422, "{\"errors\":{\"line_items_by_fulfillment_order\":[\"is required\"]}}");
            return;
        }
        for (JsonNode entry : byOrder) {
            long foId = entry.path("fulfillment_order_id").asLong();
            if (closedFulfillmentOrders.contains(foId) || find(o -> fulfillmentOrderId(o.path("id").asLong()) == foId) == null) {
                SimulatorServer.respond(exchange, 422, "{\"errors\":[\"Fulfillment order " + foId
                        + " has an unfulfillable status= closed.\"]}");
                return;
            }
        }
        byOrder.forEach(entry -> closedFulfillmentOrders.add(entry.path("fulfillment_order_id").asLong()));
        ObjectNode fulfillment = json.createObjectNode().put("id", System.nanoTime()).put("status", "success");
        fulfillment.set("tracking_info", request.path("tracking_info"));
        SimulatorServer.respond(exchange, 201, json.createObjectNode().set("fulfillment", fulfillment).toString());
    }

    private static long fulfillmentOrderId(long orderId) {
        return orderId + 1_000_000_000_000L;
    }

    private void list(HttpExchange exchange, String path) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = Math.min(250, Integer.parseInt(query.getOrDefault("limit", "50")));
        String updatedAtMin;
        boolean any;
        int offset;
        if (query.containsKey("page_info")) {
            if (query.keySet().stream().anyMatch(k -> !k.equals("page_info") && !k.equals("limit") && !k.equals("fields"))) {
                SimulatorServer.respond(exchange, 400,
                        "{\"errors\":{\"page_info\":[\"Only limit and fields may be passed when page_info is present\"]}}");
                return;
            }
            String[] cursor = new String(Base64.getUrlDecoder().decode(query.get("page_info")), StandardCharsets.UTF_8)
                    .split("\\|", -1);
            updatedAtMin = cursor[0];
            any = Boolean.parseBoolean(cursor[1]);
            offset = Integer.parseInt(cursor[2]);
        } else {
            updatedAtMin = query.getOrDefault("updated_at_min", "");
            any = "any".equals(query.get("status"));
            offset = 0;
        }
        OffsetDateTime min = updatedAtMin.isEmpty() ? null : OffsetDateTime.parse(updatedAtMin);
        List<ObjectNode> matching = select(
                o -> (any || o.path("cancelled_at").isNull())
                        && (min == null || !updatedAt(o).isBefore(min.toInstant())),
                ShopifySimulator::updatedAt);
        List<ObjectNode> page = matching.subList(Math.min(offset, matching.size()),
                Math.min(offset + limit, matching.size()));
        if (offset + limit < matching.size()) {
            String pageInfo = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (updatedAtMin + "|" + any + "|" + (offset + limit)).getBytes(StandardCharsets.UTF_8));
            String host = exchange.getRequestHeaders().getFirst("Host");
            exchange.getResponseHeaders().set("Link", "<http://" + host + path + "?limit=" + limit + "&page_info="
                    + pageInfo + ">; rel=\"next\"");
        }
        exchange.getResponseHeaders().set("X-Shopify-Shop-Api-Call-Limit", "1/40");
        ArrayNode array = json.createArrayNode();
        page.forEach(array::add);
        SimulatorServer.respond(exchange, 200, json.createObjectNode().set("orders", array).toString());
    }

    private static Instant updatedAt(ObjectNode order) {
        return OffsetDateTime.parse(order.get("updated_at").asText()).toInstant();
    }

    private static String shopTime(Instant instant) {
        return instant.atOffset(SHOP_OFFSET).format(SHOP_TIME);
    }
}
