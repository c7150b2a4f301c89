package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One bad order never stops its source, and every order is taken as its channel says, whatever state the hub first
 * sees it in or last had it in: through the real entry points (the push API, a signed webhook, the Shopify poller,
 * the POS topic, the B2B dead-letter path).
 */
class IntakeNeverStallsTest extends HubTestSupport {

    private static final AtomicLong NEXT = new AtomicLong(7_310_000_000L);

    @Autowired
    ErrorStore errors;
    @Autowired
    JmsTemplate jms;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void warehouseReportsAgain() {
        wms.setReportProgress(true);
    }

    @Test
    void anOrderFirstSeenCanceledShippedOrDeliveredIsStoredAsTheChannelSaysAndSentNowhereItDoesNotBelong() {
        long canceled = NEXT.incrementAndGet();
        ResponseEntity<JsonNode> first = post("/api/channels/shopify/orders",
                shopifyOrder("order-basic.json", canceled).replace("\"cancelled_at\": null",
                        "\"cancelled_at\": \"2025-04-12T10:00:00-04:00\""));
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(first.getBody().path("results").get(0).path("outcome").asText()).isEqualTo("CREATED");
        assertThat(first.getBody().path("results").get(0).path("status").asText()).isEqualTo("CANCELED");
        String canceledId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(canceled));
        // nothing to stop, nothing to book: only the event
        assertThat(destinations(canceledId)).containsExactly("events");

        long shipped = NEXT.incrementAndGet();
        ResponseEntity<JsonNode> second = post("/api/channels/shopify/orders", fulfilled(shopifyOrder("order-basic.json", shipped),
                "2025-04-12T12:00:00-04:00", null));
        assertThat(second.getBody().path("results").get(0).path("status").asText()).isEqualTo("SHIPPED");
        String shippedId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(shipped));
        JsonNode order = order(shippedId);
        assertThat(texts(order.path("fulfillment").path("trackingNumbers"))).containsExactly("1ZCHANNEL" + shipped);
        assertThat(order.path("fulfillment").path("carrier").asText()).isEqualTo("Aras Kargo");
        // the ERP books the sale; the warehouse, the carrier and the channel hear nothing
        assertThat(destinations(shippedId)).containsExactlyInAnyOrder("erp", "events");

        long delivered = NEXT.incrementAndGet();
        post("/api/channels/shopify/orders", fulfilled(shopifyOrder("order-basic.json", delivered),
                "2025-04-12T12:00:00-04:00", "delivered"));
        String deliveredId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(delivered));
        assertThat(order(deliveredId).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(destinations(deliveredId)).containsExactlyInAnyOrder("erp", "events");
    }

    @Test
    void aChannelThatShipsAnOrderTheHubHasConfirmedIsBelievedAndTheWarehouseIsToldToStop() {
        wms.setReportProgress(false);
        long id = NEXT.incrementAndGet();
        String placed = shopifyOrder("order-basic.json", id);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
        assertThat(post("/api/channels/shopify/orders", placed).getBody().path("results").get(0).path("status").asText())
                .isEqualTo("CONFIRMED");
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().contains(keyOf(orderId, "wms", 1)));
        String sku = order(orderId).path("lines").get(0).path("masterSku").asText();
        long reservedBefore = reserved(sku);

        // the merchant fulfilled it in the Shopify admin with its own carrier
        ResponseEntity<JsonNode> update = post("/api/channels/shopify/orders",
                fulfilled(placed, "2025-04-12T15:00:00-04:00", null));

        assertThat(update.getStatusCode().value()).isEqualTo(202);
        assertThat(update.getBody().path("results").get(0).path("status").asText()).isEqualTo("SHIPPED");
        JsonNode order = order(orderId);
        assertThat(order.path("fulfillment").path("carrier").asText()).isEqualTo("Aras Kargo");
        assertThat(texts(order.path("fulfillment").path("trackingNumbers"))).contains("1ZCHANNEL" + id);
        assertThat(order.path("history").findValuesAsText("status")).containsSubsequence("CONFIRMED", "SHIPPED");
        assertThat(order.path("history").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("fulfilled by the channel") && d.contains("the warehouse is told to stop"));
        // the warehouse gets the cancellation under the shipping revision; no write-back of the channel's own news
        int shippedAt = update.getBody().path("results").get(0).path("revision").asInt();
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().contains(keyOf(orderId, "wms", shippedAt)));
        assertThat(destinations(orderId)).doesNotContain("channel");
        assertThat(shopify.writeBacks()).noneMatch(w -> w.path().contains(String.valueOf(id)));
        // what was reserved for it is free again
        assertThat(reserved(sku)).isLessThan(reservedBefore);
    }

    @Test
    void hepsiburadaOrdersThatLeaveTheOpenListAreFollowedOnTheListsTheyMoveTo() {
        wms.setReportProgress(false);
        ObjectNode delivered = hepsiburada.placeOrder();
        ObjectNode canceled = hepsiburada.placeOrder();
        String account = channel("hepsiburada").account();
        String deliveredId = OrderIds.orderId("hepsiburada", account, delivered.path("orderNumber").asText());
        String canceledId = OrderIds.orderId("hepsiburada", account, canceled.path("orderNumber").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(order(deliveredId).path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(order(canceledId).path("status").asText()).isEqualTo("CONFIRMED");
        });

        // Hepsiburada's own carrier delivers one, the buyer cancels the other: both leave the open-orders list
        hepsiburada.changeStatus(delivered.path("orderNumber").asText(), "Delivered");
        hepsiburada.changeStatus(canceled.path("orderNumber").asText(), "CancelledByCustomer");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(order(deliveredId).path("status").asText()).isEqualTo("DELIVERED");
            assertThat(order(canceledId).path("status").asText()).isEqualTo("CANCELED");
        });
        // each list has its own cursor, moved once its page is stored (just after the order changed)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cursors.get("hepsiburada", account + "/packages/delivered")).isPresent();
            assertThat(cursors.get("hepsiburada", account + "/orders/cancelled")).isPresent();
        });
    }

    @Test
    void aTrendyolReturnClaimMovesTheDeliveredPackageOnAndTheErpHearsOfTheCompletedReturn() {
        wms.setReportProgress(false);
        ObjectNode pkg = trendyol.placeOrder();
        String orderId = OrderIds.orderId("trendyol", channel("trendyol").account(),
                pkg.path("shipmentPackageId").asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("CONFIRMED"));
        // Trendyol's contracted carrier delivered it: the package list says so
        trendyol.update(o -> o.path("shipmentPackageId").asLong() == pkg.path("shipmentPackageId").asLong(), o -> o
                .put("shipmentPackageStatus", "Delivered").put("status", "Delivered")
                .put("lastModifiedDate", Instant.now().toEpochMilli()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("DELIVERED"));

        // the buyer opens a return claim, which only the claims API shows; then Trendyol accepts it
        ObjectNode claim = trendyol.openClaim(pkg, "Created");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("RETURN_PENDING"));
        trendyol.setClaimStatus(claim, "Accepted");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("RETURN_COMPLETED"));
        assertThat(order(orderId).path("history").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("Trendyol claim " + claim.path("id").asText()));
        assertThat(destinations(orderId)).contains("erp").doesNotContain("channel");
    }

    @Test
    void anOrderTheStoreCannotLockIsNotAcknowledgedAndIsParkedOnlyAfterTheLimit() throws Exception {
        long id = NEXT.incrementAndGet();
        String placed = shopifyOrder("order-basic.json", id);
        assertThat(post("/api/channels/shopify/orders", placed).getStatusCode().value()).isEqualTo(202);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
        String changed = placed.replace("\"note\": null", "\"note\": \"leave it at the door\"")
                .replaceFirst("\"updated_at\": \"[^\"]+\"", "\"updated_at\": \"2025-04-20T10:00:00-04:00\"");

        // another transaction holds the order's row: every intake of it times out on the lock, a failure a retry fixes
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.queryForList("SELECT order_id FROM orders WHERE order_id = ? FOR UPDATE", orderId);
            locked.countDown();
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        try {
            assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int attempt = 1; attempt < 5; attempt++) {
                ResponseEntity<JsonNode> retryLater = postOnce("/api/channels/shopify/orders", changed);
                assertThat(retryLater.getStatusCode().value()).as("attempt " + attempt).isEqualTo(503);
                assertThat(retryLater.getBody().path("error").asText()).contains("nothing was acknowledged");
            }
            // the fifth time it is parked in the error store, so a source retrying it is no longer held up
            ResponseEntity<JsonNode> parked = postOnce("/api/channels/shopify/orders", changed);
            assertThat(parked.getStatusCode().value()).isEqualTo(422);
            assertThat(parked.getBody().path("error").asText()).startsWith("parked after 5 failed attempts");
            assertThat(errors.find(parked.getBody().path("errorId").asText()).orElseThrow().stage()).isEqualTo("store");
        } finally {
            release.countDown();
            holder.join();
        }
        // once the row is free the same update goes through
        ResponseEntity<JsonNode> after = post("/api/channels/shopify/orders", changed);
        assertThat(after.getStatusCode().value()).isEqualTo(202);
        assertThat(after.getBody().path("results").get(0).path("outcome").asText()).isEqualTo("UPDATED");
    }

    @Test
    void aPageWithAnOverLongOrderStoresTheOthersAndNamesTheRefusedOne() {
        long good = NEXT.incrementAndGet();
        long bad = NEXT.incrementAndGet();
        String tooLong = shopifyOrder("order-basic.json", bad).replace("\"name\": \"#1041\"",
                "\"name\": \"#" + "9".repeat(200) + "\"");
        String page = "{\"orders\":[" + tooLong + "," + shopifyOrder("order-basic.json", good) + "]}";

        ResponseEntity<JsonNode> response = post("/api/channels/shopify/orders", page);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode results = response.getBody().path("results");
        JsonNode refused = find(results, "REFUSED");
        assertThat(refused.path("channelOrderId").asText()).isEqualTo(String.valueOf(bad));
        assertThat(refused.path("error").asText()).contains("$.orderNumber").contains("128");
        ErrorStore.ErrorEntry kept = errors.find(refused.path("errorId").asText()).orElseThrow();
        assertThat(kept.stage()).isEqualTo("validate");
        assertThat(kept.rawPayload()).contains(String.valueOf(bad));
        assertThat(get("/api/orders/" + OrderIds.orderId("shopify", ACCOUNT, String.valueOf(good))).getStatusCode()
                .value()).isEqualTo(200);

        // the page again (a poll's overlap): the same entry counts it, no new one
        ResponseEntity<JsonNode> again = post("/api/channels/shopify/orders", page);
        assertThat(find(again.getBody().path("results"), "REFUSED").path("errorId").asText())
                .isEqualTo(refused.path("errorId").asText());
        assertThat(errors.find(kept.errorId()).orElseThrow().occurrences()).isEqualTo(2);

        // the order alone: a 422 that names it
        ResponseEntity<JsonNode> alone = post("/api/channels/shopify/orders", tooLong);
        assertThat(alone.getStatusCode().value()).isEqualTo(422);
        assertThat(alone.getBody().path("details").get(0).asText()).isEqualTo("order " + bad);
    }

    @Test
    void thePollerStoresTheOrdersAroundABadOneAndMovesOn() {
        ObjectNode bad = shopify.placeOrder(o -> o.put("email", "x".repeat(330) + "@example.com"));
        ObjectNode good = shopify.placeOrder();
        String goodId = OrderIds.orderId("shopify", ACCOUNT, good.path("id").asText());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/orders/" + goodId).getStatusCode().value()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> openErrors("shopify").stream()
                .anyMatch(e -> e.rawPayload().contains(bad.path("id").asText()) && e.reason().contains("$.customer.email")));
        // the poll goes on past it: a later order arrives too, and the bad one stays one entry however often it is read
        ObjectNode later = shopify.placeOrder();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/orders/"
                + OrderIds.orderId("shopify", ACCOUNT, later.path("id").asText())).getStatusCode().value()).isEqualTo(200));
        assertThat(openErrors("shopify").stream().filter(e -> e.rawPayload().contains(bad.path("id").asText())))
                .hasSize(1);
    }

    @Test
    void aPoisonStoreSaleDoesNotHoldTheTopicUp() {
        ObjectNode poison = pos.placeOrder(e -> ((ObjectNode) e.path("order")).put("currency", "XXZ"));
        ObjectNode next = pos.placeOrder();
        String nextId = OrderIds.orderId("pos", next.path("source").path("storeId").asText(),
                next.path("order").path("posOrderId").asText());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/orders/" + nextId).getStatusCode().value()).isEqualTo(200));
        assertThat(openErrors("pos")).anyMatch(e -> e.rawPayload().contains(poison.path("order").path("posOrderId").asText())
                && e.reason().contains("'XXZ' is not an ISO 4217 currency"));
    }

    @Test
    void aSignedWebhookForABadOrderIsAcknowledgedOnceItIsKept() {
        long id = NEXT.incrementAndGet();
        byte[] body = shopifyOrder("order-basic.json", id).replace("\"quantity\": 1", "\"quantity\": -2")
                .getBytes(StandardCharsets.UTF_8);

        ResponseEntity<JsonNode> response = webhook("shopify", "X-Shopify-Hmac-Sha256", body, shopifySignature(body));

        // 202: a channel answered 4xx retries the same bytes and then disables the subscription
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        JsonNode refused = find(response.getBody().path("results"), "REFUSED");
        assertThat(refused.path("channelOrderId").asText()).isEqualTo(String.valueOf(id));
        assertThat(refused.path("error").asText()).contains("quantity");
        assertThat(errors.find(refused.path("errorId").asText())).isPresent();

        // and one first seen canceled is taken, not refused with 503 as before
        long canceled = NEXT.incrementAndGet();
        byte[] cancel = shopifyOrder("order-basic.json", canceled).replace("\"cancelled_at\": null",
                "\"cancelled_at\": \"2025-04-12T10:00:00-04:00\"").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<JsonNode> taken = webhook("shopify", "X-Shopify-Hmac-Sha256", cancel, shopifySignature(cancel));
        assertThat(taken.getStatusCode().value()).isEqualTo(202);
        assertThat(taken.getBody().path("results").get(0).path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void boundedInputsAreRefusedWithA4xxThatSaysWhy() {
        String nested = "{\"orders\":[" + "[".repeat(200) + "]".repeat(200) + "]}";
        ResponseEntity<JsonNode> deep = post("/api/channels/shopify/orders", nested);
        assertThat(deep.getStatusCode().value()).isEqualTo(400);
        assertThat(deep.getBody().path("error").asText()).contains("nesting depth").contains("hub.ingest.max-json-depth");
        assertThat(errors.find(deep.getBody().path("errorId").asText())).isPresent();

        ResponseEntity<JsonNode> deepStock = post("/api/stock", "{\"warehouse\":" + "[".repeat(200) + "]".repeat(200) + "}");
        assertThat(deepStock.getStatusCode().value()).isEqualTo(400);

        String huge = "{\"warehouse\":\"nj\",\"items\":[" + "{\"sku\":\"X\",\"onHand\":1},".repeat(MAX_PAYLOAD / 20) + "]}";
        ResponseEntity<JsonNode> tooLarge = post("/api/stock", huge);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(tooLarge.getBody().path("error").asText()).contains("hub.http.max-body-bytes");

        String longString = shopifyOrder("order-basic.json", NEXT.incrementAndGet())
                .replace("\"note\": null", "\"note\": \"" + "n".repeat(70_000) + "\"");
        ResponseEntity<JsonNode> longValue = post("/api/channels/shopify/orders", longString);
        assertThat(longValue.getStatusCode().value()).isIn(400, 413);
    }

    @Test
    void aPortalOrderTheBrokerGaveUpOnEndsInTheErrorStore() {
        String body = "{\"channelOrderId\": \"B2B-DLQ-" + NEXT.incrementAndGet() + "\"}";
        jms.convertAndSend("hub.intake.dlq", body, message -> {
            message.setStringProperty("hubAccount", "mueller-kuechen");
            return message;
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> openErrors("b2b").stream()
                .anyMatch(e -> e.rawPayload().equals(body) && e.stage().equals("intake")
                        && "mueller-kuechen".equals(e.account()) && e.reason().startsWith("dead-lettered")));
    }

    /** The order as the channel shows it once fulfilled with its own carrier: tracking and, optionally, delivered. */
    private String fulfilled(String order, String at, String shipmentStatus) {
        String id = order.replaceAll("(?s).*?\"id\": (\\d+).*", "$1");
        return order.replaceFirst("\"fulfillment_status\": null", "\"fulfillment_status\": \"fulfilled\"")
                .replace("\"fulfillments\": []", "\"fulfillments\": [{\"id\": 1, \"status\": \"success\","
                        + " \"tracking_company\": \"Aras Kargo\", \"tracking_number\": \"1ZCHANNEL" + id + "\","
                        + " \"tracking_numbers\": [\"1ZCHANNEL" + id + "\"], \"shipment_status\": "
                        + (shipmentStatus == null ? "null" : "\"" + shipmentStatus + "\"") + "}]")
                .replaceFirst("\"updated_at\": \"[^\"]+\"", "\"updated_at\": \"" + at + "\"");
    }

    /** One request, never repeated by the client (the test client's HttpClient repeats a 503 once by itself). */
    private ResponseEntity<JsonNode> postOnce(String path, String body) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString("hub:hub-sandbox".getBytes(StandardCharsets.UTF_8)))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return ResponseEntity.status(answer.statusCode()).body(json.readTree(answer.body()));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private List<String> destinations(String orderId) {
        JsonNode deliveries = get("/api/orders/" + orderId + "/deliveries").getBody();
        return StreamSupport.stream(deliveries.spliterator(), false).map(d -> d.path("destination").asText()).toList();
    }

    private long reserved(String sku) {
        JsonNode rows = get("/api/stock?sku=" + sku).getBody();
        long sum = 0;
        for (JsonNode row : rows) {
            sum += row.path("reserved").asLong();
        }
        return sum;
    }

    /** The open entries of the channel with their payloads (a list has none). */
    private List<ErrorStore.ErrorEntry> openErrors(String channel) {
        return new ArrayList<>(errors.list(ErrorStore.ReplayState.OPEN, channel, 0, 500).stream()
                .map(e -> errors.find(e.errorId()).orElseThrow()).toList());
    }

    private static JsonNode find(JsonNode results, String outcome) {
        for (JsonNode result : results) {
            if (outcome.equals(result.path("outcome").asText())) {
                return result;
            }
        }
        throw new AssertionError("no " + outcome + " result in " + results);
    }
}
