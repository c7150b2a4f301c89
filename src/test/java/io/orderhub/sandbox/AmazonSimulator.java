package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the Amazon APIs the hub uses, as Amazon documents them:
 * <ul>
 *   <li>Login with Amazon, {@code POST /auth/o2/token} (refresh-token grant, client id and secret in the form);</li>
 *   <li>{@code POST /tokens/2021-03-01/restrictedDataToken}: a Restricted Data Token for the orders paths;</li>
 *   <li>{@code GET /orders/v0/orders} with MarketplaceIds (required), LastUpdatedAfter, MaxResultsPerPage (at most
 *   100) and NextToken, which, as on Amazon, replaces every other criterion; orders updated in the last
 *   {@link #settle(Duration) settle} time (two minutes on Amazon) are not shown yet, and LastUpdatedBefore is
 *   echoed. Without a Restricted Data Token the buyer's name, street and phone are left out;</li>
 *   <li>{@code GET /orders/v0/orders/{id}/orderItems}, paged by its own NextToken;</li>
 *   <li>the write-back {@code POST /orders/v0/orders/{id}/shipmentConfirmation} (204);</li>
 *   <li>stock: {@code PATCH /listings/2021-08-01/items/{sellerId}/{sku}} (5 a second, then 429), which sets the
 *   merchant-fulfilled quantity and, as on Amazon, turns an FBA listing merchant-fulfilled; the orders it sells
 *   lower it; {@code GET} of the same path (getListingsItem); and the JSON_LISTINGS_FEED: a feed document with a
 *   pre-signed URL to PUT it to, {@code POST /feeds/2021-06-30/feeds} (five in five minutes), {@code GET
 *   .../feeds/{id}} IN_QUEUE for a second and then DONE with a processing report, read from its own URL.</li>
 * </ul>
 * Every answer carries x-amzn-RateLimit-Limit with the operation's rate. Calls need a valid x-amz-access-token.
 */
public class AmazonSimulator extends ChannelSimulator {

    private static final Pattern ITEMS = Pattern.compile(".*/orders/v0/orders/([0-9-]+)/orderItems");
    private static final Pattern CONFIRM = Pattern.compile(".*/orders/v0/orders/([0-9-]+)/shipmentConfirmation");
    private static final Pattern LISTING = Pattern.compile(".*/listings/2021-08-01/items/([^/]+)/([^/]+)");
    private static final int PATCHES_PER_SECOND = 5;
    private static final Pattern FEED_DOCUMENT = Pattern.compile(".*/amazon/feed-(uploads|downloads)/([A-Za-z0-9._-]+)");
    /** createFeed: five a region in five minutes (JSON_LISTINGS_FEED, since 2025-05-06). */
    private static final int FEEDS_PER_FIVE_MINUTES = 5;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> feeds = new ConcurrentHashMap<>();
    private final java.util.Deque<Instant> recentFeeds = new java.util.ArrayDeque<>();
    private final AtomicInteger feedIds = new AtomicInteger(50_000);

    /** The seller's listings (mappings/inventory/listings.csv): their quantities and fulfilment channels. */
    private final ListedStock stock = new ListedStock("MUG-CER-12-BLU", "TEA-SENCHA-100-FBA");
    private final Map<String, String> fulfilledBy = new ConcurrentHashMap<>(Map.of(
            "MUG-CER-12-BLU", "DEFAULT", "TEA-SENCHA-100-FBA", "AMAZON_NA"));
    private final Map<String, AtomicInteger> patches = new ConcurrentHashMap<>();
    private final Set<String> unapplied = ConcurrentHashMap.newKeySet();
    private final java.util.Deque<Instant> recentPatches = new java.util.ArrayDeque<>();

    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> restrictedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile Duration settle = Duration.ofMinutes(2);
    private volatile String rateLimit = "0.0167";
    private volatile int itemsPageSize = 100;

    public AmazonSimulator(ObjectMapper json, Clock clock, ChannelFaults faults, String clientId, String clientSecret,
                           String refreshToken) {
        super(json, clock, faults, "sandbox/amazon/order-1.json", "sandbox/amazon/order-2.json");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
    }

    /** How long an order change stays out of getOrders (Amazon: LastUpdatedBefore is two minutes behind). */
    public AmazonSimulator settle(Duration newSettle) {
        settle = newSettle;
        return this;
    }

    /** The requests per second advertised in x-amzn-RateLimit-Limit (getOrders on Amazon: 0.0167). */
    public AmazonSimulator rateLimit(String perSecond) {
        rateLimit = perSecond;
        return this;
    }

    /** Rows per getOrderItems page, so tests can make an order's items span pages. */
    public AmazonSimulator itemsPageSize(int size) {
        itemsPageSize = size;
        return this;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Revokes every access and restricted data token issued so far. */
    public void revokeTokens() {
        accessTokens.clear();
        restrictedTokens.clear();
    }

    @Override
    protected void stamp(ObjectNode order, long n, Instant now, String[] buyer) {
        String id = String.format("113-%07d-%07d", 5_000_000 + n, 7_000_000 + n);
        order.put("AmazonOrderId", id);
        order.put("SellerOrderId", id);
        order.put("PurchaseDate", now.toString());
        order.put("LastUpdateDate", now.toString());
        String name = buyer[0] + " " + buyer[1];
        ((ObjectNode) order.path("ShippingAddress")).put("Name", name);
        ((ObjectNode) order.path("BuyerInfo")).put("BuyerName", name);
        numberLines(order, "OrderItems", "OrderItemId", 60_000_000_000_000L + n * 10, true);
        for (com.fasterxml.jackson.databind.JsonNode item : order.withArray("OrderItems")) {
            stock.sell(item.path("SellerSKU").asText(), item.path("QuantityOrdered").asInt());
        }
    }

    /** A seller SKU the store lists, fulfilled by the merchant ({@code DEFAULT}) or by Amazon ({@code AMAZON_NA}). */
    public void addListing(String sku, String fulfillmentChannel) {
        stock.list(sku);
        fulfilledBy.put(sku, fulfillmentChannel);
    }

    /** The merchant-fulfilled quantity Amazon holds for the SKU; null for one the seller does not list. */
    public Integer stockOf(String sku) {
        return stock.of(sku);
    }

    /** Who fulfils the SKU: a quantity patched to an FBA listing turns it merchant-fulfilled, as on Amazon. */
    public String fulfillmentChannelOf(String sku) {
        return fulfilledBy.get(sku);
    }

    public int patchesOf(String sku) {
        AtomicInteger count = patches.get(sku);
        return count == null ? 0 : count.get();
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/auth/o2/token") && "POST".equals(exchange.getRequestMethod())) {
            token(exchange);
            return;
        }
        Matcher document = FEED_DOCUMENT.matcher(path);
        if (document.matches()) {
            // the pre-signed document URLs: no access token, as on S3
            feedDocument(exchange, document.group(1), document.group(2));
            return;
        }
        String token = exchange.getRequestHeaders().getFirst("x-amz-access-token");
        boolean restricted = token != null && restrictedTokens.contains(token);
        if (token == null || !(restricted || accessTokens.contains(token))) {
            SimulatorServer.respond(exchange, 403, error("Unauthorized", "Access to requested resource is denied.",
                    "The access token you provided is revoked, malformed or invalid."));
            return;
        }
        Matcher items = ITEMS.matcher(path);
        Matcher confirm = CONFIRM.matcher(path);
        Matcher listing = LISTING.matcher(exchange.getRequestURI().getRawPath());
        if (path.endsWith("/tokens/2021-03-01/restrictedDataToken") && "POST".equals(exchange.getRequestMethod())) {
            String rdt = "Atz.sprdt|sandbox-" + tokensIssued.incrementAndGet();
            restrictedTokens.add(rdt);
            SimulatorServer.respond(exchange, 200, json.createObjectNode().put("restrictedDataToken", rdt)
                    .put("expiresIn", 3600).toString());
        } else if (path.endsWith("/orders/v0/orders") && "GET".equals(exchange.getRequestMethod())) {
            orders(exchange, restricted);
        } else if (items.matches() && "GET".equals(exchange.getRequestMethod())) {
            items(exchange, items.group(1));
        } else if (path.endsWith("/feeds/2021-06-30/documents") && "POST".equals(exchange.getRequestMethod())) {
            createFeedDocument(exchange);
        } else if (path.endsWith("/feeds/2021-06-30/feeds") && "POST".equals(exchange.getRequestMethod())) {
            createFeed(exchange);
        } else if (path.matches(".*/feeds/2021-06-30/feeds/[0-9]+") && "GET".equals(exchange.getRequestMethod())) {
            getFeed(exchange, path.substring(path.lastIndexOf('/') + 1));
        } else if (path.matches(".*/feeds/2021-06-30/documents/[A-Za-z0-9._-]+")
                && "GET".equals(exchange.getRequestMethod())) {
            getFeedDocument(exchange, path.substring(path.lastIndexOf('/') + 1));
        } else if (listing.matches() && "GET".equals(exchange.getRequestMethod())) {
            getListing(exchange, java.net.URLDecoder.decode(listing.group(2).replace("+", "%2B"),
                    StandardCharsets.UTF_8));
        } else if (listing.matches() && "PATCH".equals(exchange.getRequestMethod())) {
            patchListing(exchange, listing.group(1),
                    java.net.URLDecoder.decode(listing.group(2).replace("+", "%2B"), StandardCharsets.UTF_8));
        } else if (confirm.matches() && "POST".equals(exchange.getRequestMethod())) {
            recordWriteBack(exchange);
            exchange.getResponseHeaders().set("x-amzn-RateLimit-Limit", "2.0");
            SimulatorServer.respond(exchange, 204, "");
        } else {
            SimulatorServer.respond(exchange, 404, error("NotFound", "Resource not found", null));
        }
    }

    /**
     * patchListingsItem: 5 a second (burst 5), then 429; a merge of fulfillment_availability sets the quantity
     * (ACCEPTED); a SKU the seller does not list is INVALID with its issue.
     */
    private void patchListing(HttpExchange exchange, String sellerId, String sku) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RateLimit-Limit", "5.0");
        if (!takes(recentPatches, PATCHES_PER_SECOND, 1)) {
            throttled(exchange);
            return;
        }
        String marketplaces = query(exchange.getRequestURI().getRawQuery()).get("marketplaceIds");
        com.fasterxml.jackson.databind.JsonNode body = json.readTree(exchange.getRequestBody());
        com.fasterxml.jackson.databind.JsonNode patch = body.path("patches").path(0);
        if (marketplaces == null || marketplaces.isBlank() || !body.hasNonNull("productType")
                || !List.of("add", "replace", "merge", "delete").contains(patch.path("op").asText())
                || !patch.path("path").asText().startsWith("/attributes/")) {
            SimulatorServer.respond(exchange, 400, error("InvalidInput", "Request has missing or invalid parameters "
                    + "and cannot be parsed.", null));
            return;
        }
        ObjectNode answer = json.createObjectNode().put("sku", sku).put("submissionId",
                java.util.UUID.randomUUID().toString());
        ArrayNode issues = answer.putArray("issues");
        if (!stock.listed(sku)) {
            issues.addObject().put("code", "4000003").put("message", "The SKU '" + sku + "' was not found for seller "
                    + sellerId + ".").put("severity", "ERROR");
            answer.put("status", "INVALID");
        } else {
            patches.computeIfAbsent(sku, k -> new AtomicInteger()).incrementAndGet();
            boolean applied = !unapplied.remove(sku);
            for (com.fasterxml.jackson.databind.JsonNode availability : applied ? patch.path("value")
                    : json.createArrayNode()) {
                if ("DEFAULT".equals(availability.path("fulfillment_channel_code").asText())) {
                    stock.set(sku, availability.path("quantity").asInt());
                    fulfilledBy.put(sku, "DEFAULT");
                }
            }
            answer.put("status", "ACCEPTED");
        }
        SimulatorServer.respond(exchange, 200, answer.toString());
    }

    /** The feeds the seller created, in order: each {feedType, processingStatus, messages}. */
    public List<ObjectNode> feeds() {
        return feeds.values().stream().sorted(java.util.Comparator.comparing(f -> f.path("feedId").asInt())).toList();
    }

    /** createFeedDocument: a document id and the pre-signed URL its content is PUT to. */
    private void createFeedDocument(HttpExchange exchange) throws IOException {
        com.fasterxml.jackson.databind.JsonNode body = json.readTree(exchange.getRequestBody());
        if (!body.path("contentType").asText().startsWith("application/json")) {
            SimulatorServer.respond(exchange, 400, error("InvalidInput", "contentType must be application/json for "
                    + "JSON_LISTINGS_FEED", null));
            return;
        }
        String id = "amzn1.tortuga.4.na." + java.util.UUID.randomUUID();
        SimulatorServer.respond(exchange, 201, json.createObjectNode().put("feedDocumentId", id).put("url",
                "http://" + exchange.getRequestHeaders().getFirst("Host") + "/amazon/feed-uploads/" + id).toString());
    }

    /** The pre-signed URLs: a PUT stores a feed document, a GET reads a processing report. */
    private void feedDocument(HttpExchange exchange, String kind, String id) throws IOException {
        if ("uploads".equals(kind) && "PUT".equals(exchange.getRequestMethod())) {
            documents.put(id, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            SimulatorServer.respond(exchange, 200, "");
        } else if ("downloads".equals(kind) && "GET".equals(exchange.getRequestMethod()) && documents.containsKey(id)) {
            SimulatorServer.respond(exchange, 200, documents.get(id));
        } else {
            SimulatorServer.respond(exchange, 403, "<Error><Code>AccessDenied</Code></Error>");
        }
    }

    /** createFeed: a JSON_LISTINGS_FEED of an uploaded document; five in five minutes, then 429. */
    private synchronized void createFeed(HttpExchange exchange) throws IOException {
        com.fasterxml.jackson.databind.JsonNode body = json.readTree(exchange.getRequestBody());
        String document = body.path("inputFeedDocumentId").asText();
        if (!"JSON_LISTINGS_FEED".equals(body.path("feedType").asText()) || !documents.containsKey(document)
                || body.path("marketplaceIds").isEmpty()) {
            SimulatorServer.respond(exchange, 400, error("InvalidInput", "feedType JSON_LISTINGS_FEED, marketplaceIds "
                    + "and an uploaded inputFeedDocumentId are required", null));
            return;
        }
        if (!takes(recentFeeds, FEEDS_PER_FIVE_MINUTES, 300)) {
            throttled(exchange);
            return;
        }
        Instant now = Instant.now(clock);
        String feedId = String.valueOf(feedIds.incrementAndGet());
        ObjectNode feed = json.createObjectNode().put("feedId", feedId).put("feedType", "JSON_LISTINGS_FEED")
                .put("processingStatus", "IN_QUEUE").put("createdTime", now.toString());
        feed.set("messages", json.readTree(documents.get(document)).path("messages"));
        feeds.put(feedId, feed);
        SimulatorServer.respond(exchange, 202, json.createObjectNode().put("feedId", feedId).toString());
    }

    /** getFeed: IN_QUEUE for a second, then DONE with its report, each message applied once as a patch would be. */
    private synchronized void getFeed(HttpExchange exchange, String feedId) throws IOException {
        ObjectNode feed = feeds.get(feedId);
        if (feed == null) {
            SimulatorServer.respond(exchange, 404, error("NotFound", "feed " + feedId + " not found", null));
            return;
        }
        if ("IN_QUEUE".equals(feed.path("processingStatus").asText())
                && Instant.parse(feed.path("createdTime").asText()).isBefore(Instant.now(clock).minusSeconds(1))) {
            ArrayNode issues = json.createArrayNode();
            for (com.fasterxml.jackson.databind.JsonNode message : feed.path("messages")) {
                String sku = message.path("sku").asText();
                if (!stock.listed(sku)) {
                    issues.addObject().put("messageId", message.path("messageId").asInt()).put("code", "4000003")
                            .put("severity", "ERROR").put("message", "The SKU '" + sku + "' was not found.");
                    continue;
                }
                for (com.fasterxml.jackson.databind.JsonNode availability : message.path("patches").path(0)
                        .path("value")) {
                    if ("DEFAULT".equals(availability.path("fulfillment_channel_code").asText())) {
                        stock.set(sku, availability.path("quantity").asInt());
                        fulfilledBy.put(sku, "DEFAULT");
                    }
                }
            }
            String report = "amzn1.tortuga.4.na.report-" + feedId;
            ObjectNode content = json.createObjectNode();
            content.putObject("header").put("feedId", feedId).put("version", "2.0");
            content.set("issues", issues);
            content.putObject("summary").put("messagesProcessed", feed.path("messages").size())
                    .put("errors", issues.size());
            documents.put(report, content.toString());
            feed.put("processingStatus", "DONE").put("resultFeedDocumentId", report);
        }
        ObjectNode answer = feed.deepCopy();
        answer.remove("messages");
        SimulatorServer.respond(exchange, 200, answer.toString());
    }

    /** Counts a call against a rate of {@code max} in {@code seconds}; false when the call is over it. */
    private boolean takes(java.util.Deque<Instant> recent, int max, long seconds) {
        synchronized (recent) {
            Instant now = Instant.now(clock);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minusSeconds(seconds))) {
                recent.removeFirst();
            }
            if (recent.size() >= max) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }

    private void throttled(HttpExchange exchange) throws IOException {
        SimulatorServer.respond(exchange, 429, error("QuotaExceeded", "You exceeded your quota for the requested "
                + "resource.", null));
    }

    /** getFeedDocument: the pre-signed URL of a report. */
    private void getFeedDocument(HttpExchange exchange, String id) throws IOException {
        if (!documents.containsKey(id)) {
            SimulatorServer.respond(exchange, 404, error("NotFound", "document " + id + " not found", null));
            return;
        }
        SimulatorServer.respond(exchange, 200, json.createObjectNode().put("feedDocumentId", id).put("url", "http://"
                + exchange.getRequestHeaders().getFirst("Host") + "/amazon/feed-downloads/" + id).toString());
    }

    /** getListingsItem: with includedData=fulfillmentAvailability, each fulfilment channel's quantity. */
    private void getListing(HttpExchange exchange, String sku) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RateLimit-Limit", "5.0");
        if (!stock.listed(sku)) {
            SimulatorServer.respond(exchange, 404, error("NOT_FOUND", "SKU '" + sku + "' not found", null));
            return;
        }
        ObjectNode answer = json.createObjectNode().put("sku", sku);
        if (String.valueOf(query(exchange.getRequestURI().getRawQuery()).get("includedData"))
                .contains("fulfillmentAvailability")) {
            ObjectNode availability = answer.putArray("fulfillmentAvailability").addObject()
                    .put("fulfillmentChannelCode", fulfilledBy.get(sku));
            if ("DEFAULT".equals(fulfilledBy.get(sku))) {
                availability.put("quantity", stock.of(sku));
            }
        }
        SimulatorServer.respond(exchange, 200, answer.toString());
    }

    /** The SKU's next patch is ACCEPTED and never applied, as sellers see it happen on Amazon. */
    public void acceptWithoutApplying(String sku) {
        unapplied.add(sku);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            SimulatorServer.respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
        } else if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
            SimulatorServer.respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The request has an invalid grant parameter : refresh_token\"}");
        } else {
            String access = "Atza|sandbox-" + tokensIssued.incrementAndGet();
            accessTokens.add(access);
            SimulatorServer.respond(exchange, 200, json.createObjectNode().put("access_token", access)
                    .put("refresh_token", refreshToken).put("token_type", "bearer").put("expires_in", 3600).toString());
        }
    }

    private void orders(HttpExchange exchange, boolean restricted) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!query.containsKey("MarketplaceIds")) {
            SimulatorServer.respond(exchange, 400, error("InvalidInput", "Missing required 'MarketplaceIds'.", null));
            return;
        }
        Instant after;
        Instant before;
        int offset;
        int size;
        if (query.containsKey("NextToken")) {
            // opaque to the caller: offset|after|before|size; the other criteria of the request do not count
            String[] state;
            try {
                state = new String(Base64.getDecoder().decode(query.get("NextToken")), StandardCharsets.UTF_8).split("\\|");
            } catch (IllegalArgumentException e) {
                state = new String[0];
            }
            if (state.length != 4) {
                SimulatorServer.respond(exchange, 400, error("InvalidInput", "Invalid NextToken.", null));
                return;
            }
            offset = Integer.parseInt(state[0]);
            after = Instant.parse(state[1]);
            before = Instant.parse(state[2]);
            size = Integer.parseInt(state[3]);
        } else {
            if (!query.containsKey("LastUpdatedAfter") && !query.containsKey("CreatedAfter")) {
                SimulatorServer.respond(exchange, 400, error("InvalidInput",
                        "Either 'CreatedAfter' or 'LastUpdatedAfter' must be specified.", null));
                return;
            }
            after = Instant.parse(query.getOrDefault("LastUpdatedAfter", query.get("CreatedAfter")));
            before = now().minus(settle);
            offset = 0;
            size = Math.max(1, Math.min(100, Integer.parseInt(query.getOrDefault("MaxResultsPerPage", "100"))));
        }
        List<ObjectNode> matching = select(o -> {
            Instant updated = updated(o);
            return !updated.isBefore(after) && !updated.isAfter(before);
        }, AmazonSimulator::updated);
        ObjectNode payload = json.createObjectNode();
        ArrayNode orders = payload.putArray("Orders");
        for (ObjectNode order : matching.subList(Math.min(offset, matching.size()), Math.min(offset + size, matching.size()))) {
            order.remove("OrderItems");
            if (!restricted) {
                withoutPersonalData(order);
            }
            orders.add(order);
        }
        if (offset + size < matching.size()) {
            payload.put("NextToken", Base64.getEncoder().encodeToString((offset + size + "|" + after + "|" + before
                    + "|" + size).getBytes(StandardCharsets.UTF_8)));
        }
        payload.put("LastUpdatedBefore", before.toString());
        respond(exchange, payload);
    }

    private void items(HttpExchange exchange, String orderId) throws IOException {
        ObjectNode order = find(o -> orderId.equals(o.path("AmazonOrderId").asText()));
        if (order == null) {
            SimulatorServer.respond(exchange, 404, error("NotFound", "Order " + orderId + " not found", null));
            return;
        }
        String next = query(exchange.getRequestURI().getRawQuery()).get("NextToken");
        int offset = next == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(next), StandardCharsets.UTF_8));
        ArrayNode all;
        synchronized (this) {
            all = order.withArray("OrderItems").deepCopy();
        }
        ObjectNode payload = json.createObjectNode().put("AmazonOrderId", orderId);
        ArrayNode rows = payload.putArray("OrderItems");
        for (int i = offset; i < Math.min(all.size(), offset + itemsPageSize); i++) {
            rows.add(all.get(i));
        }
        if (offset + itemsPageSize < all.size()) {
            payload.put("NextToken", Base64.getEncoder().encodeToString(
                    String.valueOf(offset + itemsPageSize).getBytes(StandardCharsets.UTF_8)));
        }
        respond(exchange, payload);
    }

    private void respond(HttpExchange exchange, ObjectNode payload) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RateLimit-Limit", rateLimit);
        SimulatorServer.respond(exchange, 200, json.createObjectNode().set("payload", payload).toString());
    }

    private static void withoutPersonalData(ObjectNode order) {
        if (order.path("ShippingAddress") instanceof ObjectNode address) {
            address.remove(List.of("Name", "AddressLine1", "AddressLine2", "AddressLine3", "Phone"));
        }
        order.putObject("BuyerInfo");
    }

    private String error(String code, String message, String details) {
        ObjectNode error = json.createObjectNode().put("code", code).put("message", message);
        if (details != null) {
            error.put("details", details);
        }
        ObjectNode body = json.createObjectNode();
        body.putArray("errors").add(error);
        return body.toString();
    }

    private static Instant updated(ObjectNode order) {
        return Instant.parse(order.get("LastUpdateDate").asText());
    }
}
