package io.orderhub.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's orders, made from the sandbox's sample shapes (src/test/resources/sandbox/): Shopify orders as
 * its webhook sends them, WooCommerce orders as the push API takes them, POS sale events, each with 1 to 20 lines
 * of the catalog's SKUs and totals that add up, and a unique channel order id from a sequence.
 */
final class BenchmarkOrders {

    static final String SHOPIFY_ACCOUNT = "demo-atelier.myshopify.com";
    static final String WOO_ACCOUNT = "shop.example.com";
    static final List<String> SKUS = List.of("MUG-CER-12-BLU", "TEA-SENCHA-100", "KET-GLS-1L", "TR-CAY-SET6",
            "TR-KHV-250");

    /** One order as it goes in: its hub order id, the channel and account, and the native payload. */
    record Order(String orderId, String channel, String account, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode shopify = load("sandbox/shopify/order-basic.json");
    private final ObjectNode woo = load("sandbox/woocommerce/order-basic.json");
    private final ObjectNode pos = load("sandbox/pos/order-event.json");
    private final int maxLines;

    BenchmarkOrders(int maxLines) {
        this.maxLines = maxLines;
    }

    /** Lines a new order has: mostly a few, up to {@code maxLines} (a long tail, as carts have). */
    int lines(Random random) {
        int n = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 2.5);
        return Math.min(n, maxLines);
    }

    Order shopify(long n, int lines) {
        ObjectNode order = shopify.deepCopy();
        long id = 7_700_000_000_000L + n;
        String now = Instant.now().atOffset(ZoneOffset.UTC).toString();
        order.put("id", id).put("admin_graphql_api_id", "gid://shopify/Order/" + id).put("name", "#B" + n)
                .put("order_number", n).put("number", n).put("created_at", now).put("processed_at", now)
                .put("updated_at", now).put("financial_status", "paid");
        ObjectNode template = (ObjectNode) order.withArray("line_items").get(0);
        ArrayNode items = order.putArray("line_items");
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            ObjectNode item = template.deepCopy();
            item.put("id", id * 100 + i).put("sku", SKUS.get(i % SKUS.size())).put("quantity", 1 + i % 3);
            subtotal = subtotal.add(new BigDecimal(item.path("price").asText()).multiply(BigDecimal.valueOf(1 + i % 3)));
            items.add(item);
        }
        BigDecimal shipping = new BigDecimal(order.path("total_price").asText())
                .subtract(new BigDecimal(order.path("subtotal_price").asText()));
        for (String field : List.of("subtotal_price", "total_line_items_price", "current_subtotal_price")) {
            order.put(field, subtotal.toPlainString());
        }
        order.put("total_price", subtotal.add(shipping).toPlainString())
                .put("current_total_price", subtotal.add(shipping).toPlainString());
        return new Order(OrderIds.orderId("shopify", SHOPIFY_ACCOUNT, String.valueOf(id)), "shopify", SHOPIFY_ACCOUNT,
                order.toString());
    }

    Order woo(long n, int lines) {
        ObjectNode order = woo.deepCopy();
        long id = 90_000_000L + n;
        String gmt = Instant.now().toString().substring(0, 19);
        order.put("id", id).put("number", String.valueOf(id)).put("order_key", "wc_order_bench" + id)
                .put("date_created_gmt", gmt).put("date_modified_gmt", gmt).put("date_paid_gmt", gmt)
                .put("date_created", gmt).put("date_modified", gmt);
        ObjectNode template = (ObjectNode) order.withArray("line_items").get(0);
        ArrayNode items = order.putArray("line_items");
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            ObjectNode item = template.deepCopy();
            BigDecimal total = new BigDecimal(item.path("price").asText()).multiply(BigDecimal.valueOf(1 + i % 3));
            item.put("id", id * 100 + i).put("sku", SKUS.get(i % SKUS.size())).put("quantity", 1 + i % 3)
                    .put("subtotal", total.toPlainString()).put("total", total.toPlainString());
            subtotal = subtotal.add(total);
            items.add(item);
        }
        BigDecimal shipping = new BigDecimal(order.path("shipping_total").asText("0"));
        order.put("total", subtotal.add(shipping).toPlainString());
        return new Order(OrderIds.orderId("woocommerce", WOO_ACCOUNT, String.valueOf(id)), "woocommerce", WOO_ACCOUNT,
                order.toString());
    }

    Order pos(long n, int lines) {
        ObjectNode event = pos.deepCopy();
        event.put("eventId", UUID.randomUUID().toString())
                .put("occurredAt", Instant.now().atOffset(ZoneOffset.ofHours(3)).toString());
        ObjectNode order = (ObjectNode) event.get("order");
        String receipt = String.format("%09d", n);
        String posOrderId = "BENCH-R2-" + receipt;
        order.put("posOrderId", posOrderId).put("receiptNumber", receipt);
        ObjectNode template = (ObjectNode) order.withArray("lines").get(0);
        ArrayNode items = order.putArray("lines");
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            ObjectNode item = template.deepCopy();
            item.put("lineNo", i + 1).put("sku", SKUS.get(i % SKUS.size()));
            subtotal = subtotal.add(new BigDecimal(item.path("lineTotal").asText()));
            tax = tax.add(new BigDecimal(item.path("taxAmount").asText()));
            items.add(item);
        }
        ObjectNode totals = (ObjectNode) order.get("totals");
        totals.put("subtotal", subtotal.toPlainString()).put("taxTotal", tax.toPlainString())
                .put("grandTotal", subtotal.toPlainString());
        for (JsonNode payment : order.withArray("payments")) {
            ((ObjectNode) payment).put("amount", subtotal.toPlainString());
        }
        String store = event.path("source").path("storeId").asText();
        return new Order(OrderIds.orderId("pos", store, posOrderId), "pos", store, event.toString());
    }

    private ObjectNode load(String resource) {
        try (InputStream in = BenchmarkOrders.class.getClassLoader().getResourceAsStream(resource)) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
