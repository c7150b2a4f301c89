package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WooCommerce through the real connector: the REST poll over HTTP, the signed webhook, and the ping. */
class WooCommerceTest extends HubTestSupport {

    private static final String STORE = "shop.example.com";

    @Test
    void polledOrdersAcrossSeveralPagesAllArriveAndMoveTheCursor() throws Exception {
        List<String> orderIds = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (int i = 0; i < 7; i++) { // page size 3 in tests
            ObjectNode order = woocommerce.placeOrder();
            orderIds.add(OrderIds.orderId("woocommerce", STORE, order.get("id").asText()));
            Instant modified = Instant.parse(order.get("date_modified_gmt").asText() + "Z");
            newest = modified.isAfter(newest) ? modified : newest;
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).as(orderId).isEqualTo(200);
            }
        });
        JsonNode first = order(orderIds.get(0));
        assertThat(first.path("channel").asText()).isEqualTo("woocommerce");
        assertThat(first.path("status").asText()).isIn("CONFIRMED", "PICKING", "PACKED", "SHIPPED", "DELIVERED");
        assertThat(first.path("history").get(0).path("source").asText()).isEqualTo("woocommerce/poll");
        Instant expected = newest;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Instant.parse(cursors.get("woocommerce", STORE).orElse("1970-01-01T00:00:00Z"))).isAfterOrEqualTo(expected));
    }

    @Test
    void theSampleWebhookWithItsRealSignatureIsAcceptedAndAPollOfItChangesNothing() throws Exception {
        byte[] body = resource("/samples/woocommerce/order-basic.json");
        JsonNode headers = json.readTree(resource("/samples/woocommerce/webhook-order-created.headers.json"));

        ResponseEntity<JsonNode> response = webhook(body, headers.path("X-WC-Webhook-Signature").asText());

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String orderId = OrderIds.orderId("woocommerce", STORE, "4811");
        assertThat(response.getBody().path("orderIds").get(0).asText()).isEqualTo(orderId);
        assertThat(order(orderId).path("totals").path("grandTotal").decimalValue()).isEqualByComparingTo("23.95");

        // the same order seen again, as a poll or a redelivered webhook would: one order, one history entry
        assertThat(post("/api/channels/woocommerce/orders", new String(body)).getBody().path("orderIds").get(0).asText())
                .isEqualTo(orderId);
        assertThat(order(orderId).path("history")).hasSize(1);
        assertThat(webhook(body, "y22T0lV6r/kKCrjurlT9TcuuKjCWRKebZskRe0jNLfc=").getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void thePingWooSendsWhenAWebhookIsSavedGetsA200AndCreatesNothing() {
        long before = get("/api/orders?channel=woocommerce&size=1").getBody().path("total").asLong();
        ResponseEntity<JsonNode> ping = webhook("{\"webhook_id\":12}".getBytes(), null);
        assertThat(ping.getStatusCode().value()).isEqualTo(200);
        assertThat(ping.getBody().path("orderIds")).isEmpty();
        assertThat(get("/api/orders?channel=woocommerce&size=1").getBody().path("total").asLong()).isEqualTo(before);
    }

    private ResponseEntity<JsonNode> webhook(byte[] body, String signature) {
        return webhook("woocommerce", "X-WC-Webhook-Signature", body, signature);
    }
}
