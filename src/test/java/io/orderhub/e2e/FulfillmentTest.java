package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.CarrierSimulator;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Enrichment through the real routes: the SKU cross reference (an unknown SKU holds the order until the table is
 * fixed and the order released), allocation against the stock the warehouses report (split by line, backordered,
 * the last unit taken once), split shipments, short-shipped lines and carrier tracking reported twice.
 * Each test uses SKUs of its own, so the sandbox's stock of the catalog SKUs does not serve them.
 */
class FulfillmentTest extends HubTestSupport {

    @Value("${hub.data-dir}")
    String dataDir;

    @AfterEach
    void warehouseReportsAgain() {
        wms.setReportProgress(true);
    }

    @Test
    void anUnknownSkuHoldsTheOrderUntilTheCrossReferenceHasItAndTheOrderIsReleased() {
        put("/api/catalog/products/XR-MUG-1", "{\"title\":\"Mug\",\"weightGrams\":400}");
        stock("nj", "XR-MUG-1", 10);
        String orderId = placeShopify(7_300_000_001L, "order-basic.json", "MUG-CER-12-BLU", "SHOP-MUG-BLUE");

        JsonNode held = order(orderId);
        assertThat(held.path("status").asText()).isEqualTo("ON_HOLD");
        assertThat(held.path("history").get(0).path("detail").asText()).startsWith("held by rule sku-unknown: no master "
                + "SKU for SHOP-MUG-BLUE on shopify/" + ACCOUNT);
        assertThat(wms.receivedKeys()).noneMatch(k -> k.startsWith(orderId));

        // released before the table knows the SKU: still held, and it says why
        ResponseEntity<JsonNode> early = post("/api/orders/" + orderId + "/release", "{}");
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getBody().path("error").asText()).contains("no master SKU for SHOP-MUG-BLUE");
        assertThat(order(orderId).path("status").asText()).isEqualTo("ON_HOLD");

        // an unknown master SKU is refused; the right one is taken, and the release moves the order on
        assertThat(put("/api/catalog/sku-xref/shopify/" + ACCOUNT + "/SHOP-MUG-BLUE", "{\"masterSku\":\"NOPE\"}")
                .getStatusCode().value()).isEqualTo(422);
        assertThat(put("/api/catalog/sku-xref/shopify/*/SHOP-MUG-BLUE", "{\"masterSku\":\"XR-MUG-1\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/orders/" + orderId + "/release", "{}").getBody().path("status").asText())
                .isEqualTo("CONFIRMED");
        JsonNode released = order(orderId);
        assertThat(released.path("lines").get(0).path("sku").asText()).isEqualTo("SHOP-MUG-BLUE");
        assertThat(released.path("lines").get(0).path("masterSku").asText()).isEqualTo("XR-MUG-1");
        assertThat(released.path("lines").get(0).path("warehouse").asText()).isEqualTo("nj");
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().stream().anyMatch(k -> k.startsWith(orderId)));
        assertThat(level("nj", "XR-MUG-1").path("reserved").asInt()).isEqualTo(1);
    }

    @Test
    void anOrderNoWarehouseCanServeWholeIsSplitByLineAndShipsWhenBothPartsHave() {
        wms.setReportProgress(false);
        for (String sku : List.of("SP-A", "SP-B", "SP-C")) {
            put("/api/catalog/products/" + sku, "{\"title\":\"" + sku + "\",\"weightGrams\":500}");
        }
        // nj (first for the US) has the mugs only; ams has the rest
        stock("nj", "SP-A", 5);
        stock("ams", "SP-B", 5);
        stock("ams", "SP-C", 5);
        String orderId = placeShopify(7_300_000_002L, "order-multiline-discount.json",
                "MUG-CER-12-BLU", "SP-A", "TEA-SENCHA-100", "SP-B", "KET-GLS-1L", "SP-C");

        JsonNode order = order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("lines").findValuesAsText("warehouse")).containsExactly("nj", "ams", "ams");
        assertThat(order.path("fulfillment").path("warehouse").isMissingNode()).isTrue();
        // two fulfillment orders, one per warehouse, each keyed for itself
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(wms.receivedKeys())
                .filteredOn(k -> k.startsWith(orderId)).containsExactlyInAnyOrder(keyOf(orderId, "wms", 1) + ":nj", keyOf(orderId, "wms", 1) + ":ams"));

        status(orderId, "{\"status\":\"PICKING\",\"source\":\"wms\"}");
        // nj ships its part: recorded, but the order has not shipped; the same report again changes nothing
        JsonNode first = status(orderId, "{\"status\":\"SHIPPED\",\"source\":\"wms\",\"warehouse\":\"nj\"}");
        assertThat(first.path("status").asText()).isEqualTo("PICKING");
        assertThat(status(orderId, "{\"status\":\"SHIPPED\",\"source\":\"wms\",\"warehouse\":\"nj\"}")
                .path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(order(orderId).path("history").findValuesAsText("detail"))
                .contains("shipped from nj; still to ship from ams");
        assertThat(level("nj", "SP-A").path("onHand").asInt()).isEqualTo(3); // the sample orders 2 mugs
        assertThat(level("nj", "SP-A").path("reserved").asInt()).isZero();

        // ams ships the rest, one tea short: now the order has shipped, and says what was short
        JsonNode last = status(orderId, "{\"status\":\"SHIPPED\",\"source\":\"wms\",\"warehouse\":\"ams\","
                + "\"lines\":[{\"lineId\":\"14110002002\",\"quantity\":2}]}");
        assertThat(last.path("status").asText()).isEqualTo("SHIPPED");
        JsonNode shipped = order(orderId);
        assertThat(shipped.path("lines").get(1).path("shippedQuantity").asInt()).isEqualTo(2);
        assertThat(shipped.path("history").findValuesAsText("detail"))
                .anyMatch(d -> d.startsWith("short-shipped line 14110002002 (SP-B) 2 of 3"));
        assertThat(level("ams", "SP-B").path("reserved").asInt()).isZero();
    }

    @Test
    void theLastUnitGoesToOneOrderAndTheNextIsBackorderedUntilStockArrives() throws Exception {
        wms.setReportProgress(false); // nothing ships: what is reserved stays reserved
        put("/api/catalog/products/LAST-1", "{\"title\":\"Last one\",\"weightGrams\":100}");
        stock("nj", "LAST-1", 1);
        String first = placeShopify(7_300_000_003L, "order-basic.json", "MUG-CER-12-BLU", "LAST-1");
        String second = placeShopify(7_300_000_004L, "order-basic.json", "MUG-CER-12-BLU", "LAST-1");

        assertThat(order(first).path("status").asText()).isEqualTo("CONFIRMED");
        JsonNode backordered = order(second);
        assertThat(backordered.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(backordered.path("history").get(0).path("detail").asText())
                .isEqualTo("received from shopify; backordered: no stock of LAST-1 x 1 in nj, ams");
        assertThat(wms.receivedKeys()).noneMatch(k -> k.startsWith(second));

        // the warehouse reports new stock as a file in the stock inbox: the backorder is allocated and goes out
        Path inbox = Path.of(dataDir, "stock-inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("nj-restock.json"),
                "{\"warehouse\":\"nj\",\"complete\":false,\"items\":[{\"sku\":\"LAST-1\",\"onHand\":4}]}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(second).path("status").asText()).isEqualTo("CONFIRMED"));
        assertThat(order(second).path("history").findValuesAsText("detail")).contains("stock arrived");
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().stream().anyMatch(k -> k.startsWith(second)));
        assertThat(level("nj", "LAST-1").path("reserved").asInt()).isEqualTo(2);

        // a snapshot that is not one gets a clear answer and changes nothing
        ResponseEntity<JsonNode> bad = post("/api/stock", "{\"items\":[{\"sku\":\"LAST-1\",\"onHand\":9}]}");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("error").asText()).contains("warehouse is required");
        assertThat(level("nj", "LAST-1").path("onHand").asInt()).isEqualTo(4);
    }

    @Test
    void aCanceledOrderIsCanceledAtTheWarehouseAndItsStockGoesBack() {
        wms.setReportProgress(false);
        put("/api/catalog/products/CX-1", "{\"title\":\"Cancel me\",\"weightGrams\":100}");
        stock("nj", "CX-1", 3);
        String orderId = placeShopify(7_300_000_006L, "order-basic.json", "MUG-CER-12-BLU", "CX-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().contains(keyOf(orderId, "wms", 1)));
        assertThat(level("nj", "CX-1").path("reserved").asInt()).isEqualTo(1);
        status(orderId, "{\"status\":\"PICKING\",\"source\":\"wms\"}");

        JsonNode canceled = status(orderId, "{\"status\":\"CANCELED\",\"source\":\"ops\",\"detail\":\"fraud\"}");
        String cancelKey = keyOf(orderId, "wms", canceled.path("revision").asInt());
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().contains(cancelKey));
        assertThat(level("nj", "CX-1").path("reserved").asInt()).isZero();
        assertThat(level("nj", "CX-1").path("onHand").asInt()).isEqualTo(3);
    }

    @Test
    void theCarrierRulesChooseByCountryAndServiceAndEachCarrierGetsItsOwnRequest() {
        // Germany: the Amsterdam warehouse and DHL; an express order in the US: FedEx
        String germany = post("/api/channels/shopify/orders?account=" + ACCOUNT, shopifyOrder("order-basic.json",
                7_300_000_007L).replace("\"country_code\": \"US\"", "\"country_code\": \"DE\"")).getBody()
                .path("orderIds").get(0).asText();
        String express = post("/api/channels/shopify/orders?account=" + ACCOUNT, shopifyOrder("order-basic.json",
                7_300_000_008L).replace("\"title\": \"Standard Shipping\"", "\"title\": \"Express Shipping\"")).getBody()
                .path("orderIds").get(0).asText();

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(order(germany).path("status").asText()).isEqualTo("DELIVERED");
            assertThat(order(express).path("status").asText()).isEqualTo("DELIVERED");
        });
        JsonNode dhl = order(germany).path("fulfillment");
        assertThat(dhl.path("warehouse").asText()).isEqualTo("ams");
        assertThat(dhl.path("carrier").asText()).isEqualTo("DHL");
        assertThat(dhl.path("trackingNumbers").get(0).asText()).startsWith("JD0");
        JsonNode fedex = order(express).path("fulfillment");
        assertThat(fedex.path("carrier").asText()).isEqualTo("FedEx");
        assertThat(fedex.path("service").asText()).isEqualTo("express");
        assertThat(fedex.path("trackingNumbers").get(0).asText()).startsWith("7949");
        assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(germany) || s.orderId().equals(express))
                .extracting(CarrierSimulator.Shipment::carrier).containsExactlyInAnyOrder("dhl", "fedex");
        assertThat(order(express).path("history").findValuesAsText("source")).contains("fedex");
    }

    @Test
    void theSameCarrierReportTwiceMovesTheOrderOnce() {
        wms.setReportProgress(false);
        String orderId = placeShopify(7_300_000_005L, "order-basic.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> !order(orderId).path("fulfillment").path("labelRef").isMissingNode());
        String tracking = order(orderId).path("fulfillment").path("trackingNumbers").get(0).asText();
        status(orderId, "{\"status\":\"PICKING\",\"source\":\"wms\"}");
        status(orderId, "{\"status\":\"SHIPPED\",\"source\":\"wms\"}");

        String delivered = "{\"trackingNumber\":\"" + tracking + "\",\"shipmentReferenceNumbers\":[\"" + orderId + "\"],"
                + "\"activityStatus\":{\"type\":\"D\",\"code\":\"KB\",\"description\":\"DELIVERED\"}}";
        assertThat(post("/api/carriers/ups/tracking", delivered).getBody().path("status").asText()).isEqualTo("DELIVERED");
        ResponseEntity<JsonNode> again = post("/api/carriers/ups/tracking", delivered);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(order(orderId).path("history").findValuesAsText("status")).containsOnlyOnce("DELIVERED");

        assertThat(post("/api/carriers/acme/tracking", delivered).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<JsonNode> nameless = post("/api/carriers/ups/tracking", "{\"activityStatus\":{\"type\":\"I\"}}");
        assertThat(nameless.getStatusCode().value()).isEqualTo(400);
        assertThat(nameless.getBody().path("error").asText()).contains("names no order");
    }

    @Test
    void aReturnTheChannelReportsIsCompletedWhenTheWarehouseReceivesIt() {
        // a Trendyol order (Turkey: the Istanbul warehouse, MNG) walks to DELIVERED as the carrier reports it
        // the Istanbul sample (package-1.json), whichever the simulator's turn: the other ships from Ankara
        ObjectNode placed = trendyol.placeOrder();
        if (!placed.path("shipmentAddress").path("city").asText().equals("İstanbul")) {
            placed = trendyol.placeOrder();
        }
        String packageId = placed.get("shipmentPackageId").asText();
        String orderId = OrderIds.orderId("trendyol", "871234", packageId);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(get("/api/orders/" + orderId).getBody().path("status").asText()).isEqualTo("DELIVERED"));
        JsonNode delivered = order(orderId);
        assertThat(delivered.path("fulfillment").path("warehouse").asText()).isEqualTo("ist");
        assertThat(delivered.path("fulfillment").path("carrier").asText()).isEqualTo("MNG");
        assertThat(delivered.path("history").findValuesAsText("source")).contains("mng");

        // the buyer sends it back: Trendyol's next poll says so, then the warehouse receives it
        trendyol.update(o -> o.path("shipmentPackageId").asText().equals(packageId), o -> o
                .put("shipmentPackageStatus", "UnDelivered").put("status", "UnDelivered")
                .put("lastModifiedDate", System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("RETURN_PENDING"));
        JsonNode received = status(orderId, "{\"status\":\"RETURN_COMPLETED\",\"source\":\"wms\","
                + "\"detail\":\"return received at ist, restocked\"}");
        assertThat(received.path("status").asText()).isEqualTo("RETURN_COMPLETED");

        // the ERP books the sale, the shipment and the return, once each
        List<JsonNode> booked = await().atMost(Duration.ofSeconds(10)).until(() -> erp.messagesFor(orderId),
                m -> m.size() == 3);
        assertThat(booked).extracting(m -> m.path("event").asText()).containsExactly("created", "shipped", "returned");
        assertThat(booked.get(0).path("lines").get(0).path("itemNo").asText()).isEqualTo("TR-CAY-SET6");
        assertThat(booked.get(0).path("lines").get(0).path("warehouse").asText()).isEqualTo("ist");
    }

    private String placeShopify(long id, String sample, String... skuReplacements) {
        String body = shopifyOrder(sample, id);
        for (int i = 0; i < skuReplacements.length; i += 2) {
            body = body.replace("\"sku\": \"" + skuReplacements[i] + "\"", "\"sku\": \"" + skuReplacements[i + 1] + "\"");
        }
        return post("/api/channels/shopify/orders?account=" + ACCOUNT, body).getBody().path("orderIds").get(0).asText();
    }

    private void stock(String warehouse, String sku, int onHand) {
        ResponseEntity<JsonNode> applied = post("/api/stock", "{\"warehouse\":\"" + warehouse + "\",\"complete\":false,"
                + "\"items\":[{\"sku\":\"" + sku + "\",\"onHand\":" + onHand + "}]}");
        assertThat(applied.getStatusCode().value()).isEqualTo(200);
    }

    private JsonNode level(String warehouse, String sku) {
        return get("/api/stock?warehouse=" + warehouse + "&sku=" + sku).getBody().get(0);
    }

    private JsonNode status(String orderId, String body) {
        ResponseEntity<JsonNode> response = post("/api/orders/" + orderId + "/status", body);
        assertThat(response.getStatusCode().value()).as(response.toString()).isEqualTo(200);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> put(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(SandboxLogins.ADMIN).exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
