package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the Shopify Admin REST orders endpoint as Shopify documents it: {@code GET /admin/api/{version}/orders.json}
 * with {@code status}, {@code updated_at_min}, {@code limit}, ordering by updated_at, cursor pagination in the
 * {@code Link} header (a {@code page_info} request may carry only {@code limit}, anything else is a 400), and the
 * {@code X-Shopify-Access-Token} check. Orders are made from the shared samples; some arrive unpaid and are paid
 * (updated) a little later, so the hub sees creates and updates.
 */
public class ShopifySimulator {

    private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneOffset SHOP_OFFSET = ZoneOffset.ofHours(-5);
    private static final String[][] BUYERS = {
            {"Dana", "Whitfield"}, {"Marcus", "Okafor"}, {"Zeynep", "Çelik"}, {"Åsa", "Lindqvist"}, {"José", "Núñez"}};

    private final ObjectMapper json;
    private final String accessToken;
    private final Clock clock;
    private final List<ObjectNode> templates;
    private final List<ObjectNode> orders = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String basePath;
    private final ChannelFaults faults;

    public ShopifySimulator(ObjectMapper json, String basePath, String accessToken, Clock clock, ChannelFaults faults) {
        this.json = json;
        this.faults = faults;
        this.basePath = basePath;
        this.accessToken = accessToken;
        this.clock = clock;
        this.templates = List.of(load("sandbox/shopify/order-basic.json"), load("sandbox/shopify/order-multiline-discount.json"));
    }

    /** A new order now; every fourth one is unpaid at first and paid by {@link #payPending()} later. */
    public ObjectNode placeOrder() {
        return placeOrder((sequence.get() + 1) % 4 == 0);
    }

    public synchronized ObjectNode placeOrder(boolean unpaid) {
        long n = sequence.incrementAndGet();
        ObjectNode order = templates.get((int) (n % templates.size())).deepCopy();
        String now = nowText();
        long id = 6_100_000_000_000L + n;
        order.put("id", id);
        order.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        order.put("name", "#" + (2000 + n));
        order.put("order_number", 2000 + n);
        order.put("number", 1000 + n);
        order.put("created_at", now);
        order.put("processed_at", now);
        order.put("updated_at", now);
        order.put("financial_status", unpaid ? "pending" : "paid");
        String[] buyer = BUYERS[(int) (n % BUYERS.length)];
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
        orders.add(order);
        return order;
    }

    /** Pays the unpaid orders: an update with a later updated_at, as Shopify shows it. */
    public synchronized int payPending() {
        int paid = 0;
        for (ObjectNode order : orders) {
            if ("pending".equals(order.path("financial_status").asText())) {
                order.put("financial_status", "paid");
                order.put("updated_at", nowText());
                paid++;
            }
        }
        return paid;
    }

    public synchronized void add(ObjectNode order) {
        orders.add(order);
    }

    public ChannelFaults faults() {
        return faults;
    }

    public synchronized int size() {
        return orders.size();
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            SimulatorServer.respond(exchange, 405, "{\"errors\":\"Method Not Allowed\"}");
            return;
        }
        if (faults.intercept(exchange)) {
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
        List<ObjectNode> matching = matching(updatedAtMin, any);
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

    private synchronized List<ObjectNode> matching(String updatedAtMin, boolean any) {
        OffsetDateTime min = updatedAtMin.isEmpty() ? null : OffsetDateTime.parse(updatedAtMin);
        return orders.stream()
                .filter(o -> any || o.path("cancelled_at").isNull())
                .filter(o -> min == null || !OffsetDateTime.parse(o.get("updated_at").asText()).isBefore(min))
                .sorted(Comparator.comparing((ObjectNode o) -> OffsetDateTime.parse(o.get("updated_at").asText()))
                        .thenComparing(o -> o.get("id").asLong()))
                .map(ObjectNode::deepCopy)
                .toList();
    }

    private String nowText() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).withOffsetSameInstant(SHOP_OFFSET)
                .format(SHOP_TIME);
    }

    private ObjectNode load(String resource) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
