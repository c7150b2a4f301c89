package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.ChannelSimulator.WriteBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Write-back through the real connectors over HTTP: an order polled from its channel is shipped by the (simulated)
 * warehouse, and the channel receives its own shipment call with the warehouse's tracking number; a cancellation
 * made in the hub reaches the channel; what the channel reported itself is not told back to it; a write-back that
 * is not safe to repeat is not made twice.
 */
class WriteBackTest extends HubTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"woocommerce", "trendyol", "hepsiburada", "ebay", "amazon"})
    void aShipmentGoesBackToTheChannelWithTheWarehousesTrackingNumber(String name) {
        Channel channel = channel(name);
        ObjectNode placed = channel.simulator().placeOrder();
        String channelOrderId = channel.channelOrderId().apply(placed);
        String orderId = OrderIds.orderId(name, channel.account(), channelOrderId);

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/orders/" + orderId).getStatusCode().value() == 200
                && List.of("SHIPPED", "DELIVERED").contains(order(orderId).path("status").asText()));
        JsonNode order = order(orderId);
        String tracking = order.path("fulfillment").path("trackingNumbers").get(0).asText();
        List<WriteBack> calls = await().atMost(Duration.ofSeconds(20)).until(
                () -> channel.simulator().writeBacks().stream().filter(w -> w.path().contains(channelOrderId)
                        || w.body().toString().contains(tracking)).toList(),
                found -> found.stream().anyMatch(w -> w.body().toString().contains(tracking)));

        switch (name) {
            case "woocommerce" -> {
                assertThat(calls).extracting(WriteBack::method, WriteBack::path).containsExactly(
                        tuple("PUT", "/woocommerce/wp-json/wc/v3/orders/" + channelOrderId),
                        tuple("POST", "/woocommerce/wp-json/wc/v3/orders/" + channelOrderId + "/notes"));
                assertThat(calls.get(0).body().path("status").asText()).isEqualTo("completed");
                assertThat(calls.get(0).body().path("meta_data").get(0).path("value").path("tracking_number").asText())
                        .isEqualTo(tracking);
                assertThat(calls.get(1).body().path("note").asText()).isEqualTo("Shipped with UPS, tracking " + tracking);
            }
            case "trendyol" -> {
                String base = "/trendyol/integration/order/sellers/871234/shipment-packages/" + channelOrderId;
                assertThat(calls).extracting(WriteBack::path).containsExactly(base, base + "/update-tracking-number");
                assertThat(calls.get(0).body().path("status").asText()).isEqualTo("Picking");
                assertThat(calls.get(0).body().path("lines").findValuesAsText("lineId"))
                        .containsExactlyElementsOf(order.path("lines").findValuesAsText("lineId"));
                assertThat(calls.get(1).body().path("trackingNumber").asText()).isEqualTo(tracking);
            }
            case "hepsiburada" -> {
                List<WriteBack> mine = hepsiburada.writeBacks().stream()
                        .filter(w -> w.body().toString().contains(order.path("lines").get(0).path("lineId").asText())
                                || w.body().toString().contains(tracking)).toList();
                assertThat(mine).extracting(WriteBack::method).containsExactly("POST", "PUT");
                assertThat(mine.get(0).path()).isEqualTo("/hepsiburada/packages/merchantid/3c9a0f52-7d41-4b8e-9e2a-6f1d2c3b4a50");
                assertThat(mine.get(0).body().path("lineItemRequests").findValuesAsText("id"))
                        .containsExactlyElementsOf(order.path("lines").findValuesAsText("lineId"));
                assertThat(mine.get(1).path()).matches(".*/packagenumber/7\\d{9}/intransit");
                assertThat(mine.get(1).body().path("trackingNumber").asText()).isEqualTo(tracking);
            }
            case "ebay" -> {
                assertThat(calls).extracting(WriteBack::path)
                        .containsExactly("/ebay/sell/fulfillment/v1/order/" + channelOrderId + "/shipping_fulfillment");
                JsonNode body = calls.get(0).body();
                assertThat(body.path("trackingNumber").asText()).isEqualTo(tracking);
                // the eBay order asks for USPSPriority: the carrier rules give it USPS, the carrier the buyer chose
                assertThat(body.path("shippingCarrierCode").asText()).isEqualTo("USPS");
                assertThat(body.path("shippedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(body.path("lineItems").findValuesAsText("lineItemId"))
                        .containsExactlyElementsOf(order.path("lines").findValuesAsText("lineId"));
            }
            case "amazon" -> {
                assertThat(calls).extracting(WriteBack::path)
                        .containsExactly("/amazon/orders/v0/orders/" + channelOrderId + "/shipmentConfirmation");
                JsonNode body = calls.get(0).body();
                assertThat(body.path("marketplaceId").asText()).isEqualTo("ATVPDKIKX0DER");
                assertThat(body.path("packageDetail").path("trackingNumber").asText()).isEqualTo(tracking);
                assertThat(body.path("packageDetail").path("carrierCode").asText()).isEqualTo("UPS");
                assertThat(body.path("packageDetail").path("orderItems").findValuesAsText("orderItemId"))
                        .containsExactlyElementsOf(order.path("lines").findValuesAsText("lineId"));
            }
            default -> throw new IllegalArgumentException(name);
        }
        // one write-back delivery, for the revision that shipped it, acknowledged
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(channelDelivery(orderId).path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(get("/api/orders/" + orderId + "/deliveries").getBody().findValuesAsText("key"))
                .filteredOn(k -> k.contains(":channel:")).hasSize(1);
    }

    /**
     * The channel applied the write-back but its answer was lost (the hub failed right after the call): the retry
     * reads the channel's state first and makes no second eBay fulfillment and no second WooCommerce note, which
     * both channels would make (their simulators do too), and packs no Hepsiburada line twice nor puts its package
     * in transit twice, which Hepsiburada refuses with a 400 (and its simulator does too).
     */
    @ParameterizedTest
    @ValueSource(strings = {"woocommerce", "ebay", "hepsiburada"})
    void aWriteBackWhoseAnswerWasLostIsNotMadeTwice(String name) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.apache.camel.builder.AdviceWith.adviceWith(camel, "write-back-" + name, route -> route
                .weaveByToUri("kamelet:" + name + "-fulfillment-sink*").after().process(exchange -> {
                    if (failOnce.compareAndSet(true, false)) {
                        throw new java.io.IOException("connection reset after the channel applied the write-back");
                    }
                }));
        Channel channel = channel(name);
        ObjectNode placed = channel.simulator().placeOrder();
        String channelOrderId = channel.channelOrderId().apply(placed);
        String orderId = OrderIds.orderId(name, channel.account(), channelOrderId);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(channelDelivery(orderId).path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(failOnce).isFalse();
        assertThat(channelDelivery(orderId).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        if (name.equals("ebay")) {
            assertThat(ebay.fulfillmentsOf(channelOrderId)).hasSize(1);
        } else if (name.equals("hepsiburada")) {
            List<String> packages = hepsiburada.packagesOf(channelOrderId);
            assertThat(packages).hasSize(1);
            assertThat(hepsiburada.writeBacks()).filteredOn(w -> w.path().endsWith("/" + packages.get(0) + "/intransit"))
                    .hasSize(1);
            assertThat(hepsiburada.writeBacks()).filteredOn(w -> w.method().equals("POST")
                    && w.body().toString().contains(placed.withArray("rows").get(0).path("id").asText())).hasSize(1);
        } else {
            assertThat(woocommerce.notesOf(Long.parseLong(channelOrderId))).hasSize(1);
            // the status call is one WooCommerce takes twice, and it was made twice
            assertThat(woocommerce.writeBacks()).filteredOn(w -> w.method().equals("PUT")
                    && w.path().endsWith("/orders/" + channelOrderId)).hasSize(2);
        }
    }

    @Test
    void aCancellationMadeInTheHubReachesShopifyAndWooCommerceAndEbaySaysWhyItCannot() {
        String shopifyId = shopify.placeOrder(true).get("id").asText(); // unpaid: NEW, not at the warehouse
        String wooId = woocommerce.placeOrder(o -> o.put("status", "pending")).get("id").asText();
        String ebayId = ebay.placeOrder(o -> o.put("orderPaymentStatus", "PENDING")).get("orderId").asText();
        List<String> orderIds = List.of(OrderIds.orderId("shopify", ACCOUNT, shopifyId),
                OrderIds.orderId("woocommerce", "shop.example.com", wooId),
                OrderIds.orderId("ebay", "demo_atelier", ebayId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                assertThat(order(orderId).path("status").asText()).as(orderId).isEqualTo("NEW");
            }
        });

        for (String orderId : orderIds) {
            assertThat(post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"buyer asked\"}")
                    .getStatusCode().value()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(shopify.writeBacks()).extracting(WriteBack::path)
                    .contains("/shopify/admin/api/2025-01/orders/" + shopifyId + "/cancel.json");
            assertThat(woocommerce.writeBacks()).filteredOn(w -> w.path().endsWith("/orders/" + wooId))
                    .extracting(w -> w.body().path("status").asText()).containsExactly("cancelled");
            for (String orderId : orderIds) {
                JsonNode channelDelivery = channelDelivery(orderId);
                assertThat(channelDelivery.path("status").asText()).as(orderId).isEqualTo("DELIVERED");
            }
        });
        // eBay has no call the hub makes for this: the delivery says so instead of failing forever
        assertThat(channelDelivery(orderIds.get(2)).toString()).contains("Post-Order API");
        assertThat(ebay.writeBacks()).noneMatch(w -> w.path().contains(ebayId));
    }

    @Test
    void aCancellationTheChannelReportedIsNotToldBackToIt() {
        ObjectNode placed = shopify.placeOrder(true);
        String channelOrderId = placed.get("id").asText();
        String orderId = OrderIds.orderId("shopify", ACCOUNT, channelOrderId);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/orders/" + orderId).getStatusCode().value() == 200);

        String now = OffsetDateTime.now(ZoneOffset.ofHours(-5)).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        shopify.update(o -> o.get("id").asText().equals(channelOrderId),
                o -> o.put("cancelled_at", now).put("cancel_reason", "customer").put("updated_at", now));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELED".equals(order(orderId).path("status").asText()));

        assertThat(get("/api/orders/" + orderId + "/deliveries").getBody().findValuesAsText("key"))
                .noneMatch(k -> k.contains(":channel:"));
        assertThat(shopify.writeBacks()).noneMatch(w -> w.path().contains(channelOrderId));
    }

    @Test
    void aWriteBackTheChannelKeepsAnswering404IsRetriedThenDeadAndAnOperatorCanSendItAgain() {
        // an order the shop does not know (entered through the API): Shopify answers 404, which a deploy or a slow
        // index can also cause, so it is retried (three times in the tests) before the delivery is DEAD
        String orderId = post("/api/channels/shopify/orders?account=" + ACCOUNT,
                shopifyOrder("order-basic.json", 7_100_000_001L)).getBody().path("orderIds").get(0).asText();
        wms.setAvailable(false); // the hub, not the warehouse simulator, ships this one
        try {
            for (String status : List.of("PICKING", "PACKED")) {
                post("/api/orders/" + orderId + "/status", "{\"status\":\"" + status + "\"}");
            }
            post("/api/orders/" + orderId + "/status", "{\"status\":\"SHIPPED\",\"trackingNumber\":\"1ZREFUSED\",\"carrier\":\"UPS\"}");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(channelDelivery(orderId).path("status").asText()).isEqualTo("DEAD"));
            JsonNode delivery = channelDelivery(orderId);
            assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.path("lastError").asText()).contains("404")
                    .contains("/shopify/admin/api/2025-01/orders/7100000001/fulfillment_orders.json");

            // nothing is final an operator cannot undo: sent again, it is tried again (and the shop still says 404)
            String key = delivery.path("key").asText();
            assertThat(post("/api/deliveries/" + key + "/retry", "").getStatusCode().value()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode again = channelDelivery(orderId);
                assertThat(again.path("attempts").asInt()).isEqualTo(6);
                assertThat(again.path("status").asText()).isEqualTo("DEAD");
            });
        } finally {
            wms.setAvailable(true);
        }
    }

    private JsonNode channelDelivery(String orderId) {
        for (JsonNode delivery : get("/api/orders/" + orderId + "/deliveries").getBody()) {
            if (delivery.path("key").asText().contains(":channel:")) {
                return delivery;
            }
        }
        return MissingNode.getInstance();
    }
}
