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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the eBay APIs the hub uses: the OAuth token endpoint ({@code POST /identity/v1/oauth2/token}, refresh-token
 * grant, client id and secret in HTTP Basic, 2-hour tokens unless a test shortens them), {@code GET
 * /sell/fulfillment/v1/order} with {@code filter=lastmodifieddate:[from..]}, limit (at most 200) and offset, for a
 * valid bearer token only, the write-back {@code POST /sell/fulfillment/v1/order/{orderId}/shipping_fulfillment}
 * (201 with a Location header), and stock with {@code POST /sell/inventory/v1/bulk_update_price_quantity} (at
 * most 25 items, 250 revisions of a listing a day, 207 when some item is refused); the orders it sells lower it.
 */
public class EbaySimulator extends ChannelSimulator {

    private static final Pattern FROM = Pattern.compile("lastmodifieddate:\\[([^.\\]]+\\.\\d{3}Z)\\.\\.]");
    private static final Pattern FULFILL = Pattern.compile(".*/sell/fulfillment/v1/order/([0-9-]+)/shipping_fulfillment");

    private static final int REVISIONS_PER_DAY = 250;

    /** The seller's inventory items (mappings/inventory/listings.csv) and their ship-to-location quantities. */
    private final ListedStock stock = new ListedStock("KET-GLS-1L");
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> revisionsToday =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.time.LocalDate revisionDay;

    private final String seller;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile int tokenLifetimeSeconds = 7200;

    public EbaySimulator(ObjectMapper json, Clock clock, ChannelFaults faults, String seller, String clientId,
                         String clientSecret, String refreshToken) {
        super(json, clock, faults, "sandbox/ebay/order-1.json", "sandbox/ebay/order-2.json");
        this.seller = seller;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
    }

    /** How long the tokens issued from now on live. */
    public void tokenLifetimeSeconds(int seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Revokes every token issued so far, as eBay does when a seller revokes the app. */
    public void revokeTokens() {
        validTokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        String id = "14-" + (20_000 + n) + "-" + (60_000 + n);
        order.put("orderId", id);
        order.put("legacyOrderId", "3855" + n);
        order.put("sellerId", seller);
        order.put("lastModifiedDate", millis(now));
        order.put("creationDate", millis(now));
        ((ObjectNode) order.path("buyer").path("buyerRegistrationAddress")).put("fullName", buyer[0] + " " + buyer[1]);
        ((ObjectNode) order.path("fulfillmentStartInstructions").get(0).path("shippingStep").path("shipTo"))
                .put("fullName", buyer[0] + " " + buyer[1]);
        numberLines(order, "lineItems", "lineItemId", 10_090_000_000_000L + n * 10, true);
        for (JsonNode line : order.withArray("lineItems")) {
            stock.sell(line.path("sku").asText(), line.path("quantity").asInt());
        }
    }

    public void addItem(String sku) {
        stock.list(sku);
    }

    /** The quantity eBay lists for the SKU; null for one the seller has no inventory item of. */
    public Integer stockOf(String sku) {
        return stock.of(sku);
    }

    /** How often the SKU's listing was revised today (eBay allows 250 a day). */
    public int revisionsOf(String sku) {
        java.util.concurrent.atomic.AtomicInteger count = revisionsToday.get(sku);
        return count == null ? 0 : count.get();
    }

    /** bulk_get_inventory_item: at most 25 SKUs, each its inventory item or a 404. */
    private void bulkGet(HttpExchange exchange) throws IOException {
        JsonNode requests = json.readTree(exchange.getRequestBody()).path("requests");
        if (!requests.isArray() || requests.isEmpty() || requests.size() > 25) {
            SimulatorServer.respond(exchange, 400, "{\"errors\":[{\"errorId\":25709,\"message\":\"Invalid value "
                    + "for requests: 1 to 25\"}]}");
            return;
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode responses = answer.putArray("responses");
        for (JsonNode request : requests) {
            String sku = request.path("sku").asText();
            ObjectNode response = responses.addObject().put("sku", sku);
            if (stock.listed(sku)) {
                response.put("statusCode", 200).putObject("inventoryItem").put("sku", sku).putObject("availability")
                        .putObject("shipToLocationAvailability").put("quantity", stock.of(sku));
            } else {
                response.put("statusCode", 404).putArray("errors").addObject().put("errorId", 25702)
                        .put("message", "SKU " + sku + " is not available in the system");
            }
        }
        SimulatorServer.respond(exchange, 200, answer.toString());
    }

    /** The seller sets an item's quantity by hand in Seller Hub. */
    public void setStock(String sku, int quantity) {
        stock.set(sku, quantity);
    }

    /**
     * bulk_update_price_quantity: at most 25 items; each answered on its own, 200 when all were taken, 207 when
     * some were not (an unknown SKU, a listing past its 250 revisions of the day).
     */
    private synchronized void bulkUpdate(HttpExchange exchange) throws IOException {
        JsonNode requests = json.readTree(exchange.getRequestBody()).path("requests");
        if (!requests.isArray() || requests.isEmpty() || requests.size() > 25) {
            SimulatorServer.respond(exchange, 400, "{\"errors\":[{\"errorId\":25709,\"message\":\"Invalid value "
                    + "for requests: 1 to 25\"}]}");
            return;
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        if (!today.equals(revisionDay)) {
            revisionsToday.clear();
            revisionDay = today;
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode responses = answer.putArray("responses");
        boolean allTaken = true;
        for (JsonNode request : requests) {
            String sku = request.path("sku").asText();
            ObjectNode response = responses.addObject().put("sku", sku);
            String error = null;
            if (!stock.listed(sku)) {
                response.put("statusCode", 404);
                error = "{\"errorId\":25702,\"message\":\"SKU " + sku + " is not available in the system\"}";
            } else if (revisionsToday.computeIfAbsent(sku, k -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet() > REVISIONS_PER_DAY) {
                response.put("statusCode", 400);
                error = "{\"errorId\":25019,\"message\":\"This listing has been revised the maximum number of "
                        + "times today\"}";
            } else {
                stock.set(sku, request.path("shipToLocationAvailability").path("quantity").asInt());
                response.put("statusCode", 200);
            }
            if (error != null) {
                allTaken = false;
                response.putArray("errors").add(json.readTree(error));
            }
        }
        SimulatorServer.respond(exchange, allTaken ? 200 : 207, answer.toString());
    }

    private final Map<String, List<ObjectNode>> fulfillments = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong fulfillmentIds = new java.util.concurrent.atomic.AtomicLong(9_000);

    /** The shipping fulfillments made for an eBay order, in order. */
    public List<ObjectNode> fulfillmentsOf(String orderId) {
        return List.copyOf(fulfillments.getOrDefault(orderId, List.of()));
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/identity/v1/oauth2/token") && "POST".equals(exchange.getRequestMethod())) {
            token(exchange);
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
            SimulatorServer.respond(exchange, 401, "{\"errors\":[{\"errorId\":1001,\"domain\":\"OAuth\","
                    + "\"message\":\"Invalid access token\"}]}");
            return;
        }
        Matcher fulfill = FULFILL.matcher(path);
        if (path.endsWith("/sell/inventory/v1/bulk_update_price_quantity")
                && "POST".equals(exchange.getRequestMethod())) {
            bulkUpdate(exchange);
        } else if (path.endsWith("/sell/inventory/v1/bulk_get_inventory_item")
                && "POST".equals(exchange.getRequestMethod())) {
            bulkGet(exchange);
        } else if (path.endsWith("/sell/fulfillment/v1/order") && "GET".equals(exchange.getRequestMethod())) {
            list(exchange);
        } else if (fulfill.matches() && "GET".equals(exchange.getRequestMethod())) {
            List<ObjectNode> made = fulfillments.getOrDefault(fulfill.group(1), List.of());
            ObjectNode answer = json.createObjectNode().put("total", made.size());
            answer.putArray("fulfillments").addAll(made);
            SimulatorServer.respond(exchange, 200, answer.toString());
        } else if (fulfill.matches() && "POST".equals(exchange.getRequestMethod())) {
            // every POST is a new shipping fulfillment, as at eBay
            JsonNode body = recordWriteBack(exchange);
            String fulfillmentId = String.valueOf(fulfillmentIds.incrementAndGet());
            ObjectNode made = json.createObjectNode().put("fulfillmentId", fulfillmentId)
                    .put("shipmentTrackingNumber", body.path("trackingNumber").asText(null))
                    .put("shippingCarrierCode", body.path("shippingCarrierCode").asText(null));
            made.set("lineItems", body.path("lineItems"));
            fulfillments.computeIfAbsent(fulfill.group(1), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(made);
            exchange.getResponseHeaders().set("Location", "https://" + exchange.getRequestHeaders().getFirst("Host")
                    + path + "/" + fulfillmentId);
            SimulatorServer.respond(exchange, 201, "");
        } else {
            SimulatorServer.respond(exchange, 404, "{\"errors\":[{\"message\":\"Not Found\"}]}");
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!basicAuth(exchange, clientId, clientSecret)) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
        } else if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
            SimulatorServer.respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"the provided authorization refresh token is invalid or was issued to another client\"}");
        } else {
            String token = "v^1.1#i^1#sandbox-" + tokensIssued.incrementAndGet();
            validTokens.add(token);
            SimulatorServer.respond(exchange, 200, json.createObjectNode().put("access_token", token)
                    .put("expires_in", tokenLifetimeSeconds).put("token_type", "User Access Token").toString());
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Matcher from = FROM.matcher(query.getOrDefault("filter", ""));
        if (query.containsKey("filter") && !from.matches()) {
            SimulatorServer.respond(exchange, 400, "{\"errors\":[{\"errorId\":30700,\"message\":\"Invalid filter: "
                    + "timestamps must be UTC with milliseconds, yyyy-MM-ddThh:mm:ss.sssZ\"}]}");
            return;
        }
        Instant min = from.matches() ? Instant.parse(from.group(1)) : Instant.EPOCH;
        int limit = Math.min(200, Integer.parseInt(query.getOrDefault("limit", "50")));
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        List<ObjectNode> matching = select(o -> !modified(o).isBefore(min), EbaySimulator::modified);
        ObjectNode body = json.createObjectNode().put("total", matching.size()).put("limit", limit).put("offset", offset);
        ArrayNode orders = body.putArray("orders");
        matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size())).forEach(orders::add);
        SimulatorServer.respond(exchange, 200, body.toString());
    }

    private static Instant modified(ObjectNode order) {
        return Instant.parse(order.get("lastModifiedDate").asText());
    }

    private static String millis(Instant instant) {
        return instant.toString().replace("Z", ".000Z");
    }
}
