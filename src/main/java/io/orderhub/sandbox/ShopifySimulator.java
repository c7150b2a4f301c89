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

/**
 * Serves the Shopify Admin REST orders endpoint as Shopify documents it: {@code GET /admin/api/{version}/orders.json}
 * with {@code status}, {@code updated_at_min}, {@code limit}, ordering by updated_at, cursor pagination in the
 * {@code Link} header (a {@code page_info} request may carry only {@code limit}, anything else is a 400), and the
 * {@code X-Shopify-Access-Token} check. Orders are made from the shared samples; some arrive unpaid and are paid
 * (updated) a little later, so the hub sees creates and updates.
 */
public class ShopifySimulator extends ChannelSimulator {

    private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneOffset SHOP_OFFSET = ZoneOffset.ofHours(-5);

    private final String accessToken;
    private final String basePath;

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
        int line = 0;
        for (JsonNode item : order.withArray("line_items")) {
            ((ObjectNode) item).put("id", id * 10 + (++line));
        }
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
        if (!"GET".equals(exchange.getRequestMethod())) {
            SimulatorServer.respond(exchange, 405, "{\"errors\":\"Method Not Allowed\"}");
            return;
        }
        if (!accessToken.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
            SimulatorServer.respond(exchange, 401,
                    "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (!path.matches(basePath + "/admin/api/[0-9]{4}-[0-9]{2}/orders\\.json")) {
            SimulatorServer.respond(exchange, 404, "{\"errors\":\"Not Found\"}");
            return;
        }
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
