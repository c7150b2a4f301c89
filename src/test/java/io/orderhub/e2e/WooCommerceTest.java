package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** WooCommerce webhooks: the signed order webhook and the ping (the poll is in ChannelPollingTest). */
class WooCommerceTest extends HubTestSupport {

    private static final String STORE = "shop.example.com";

    @Test
    void theSampleWebhookWithItsRealSignatureIsAcceptedAndAPollOfItChangesNothing() throws Exception {
        byte[] body = resource("/samples/woocommerce/order-basic.json");
        JsonNode headers = json.readTree(resource("/samples/woocommerce/webhook-order-created.headers.json"));

        ResponseEntity<JsonNode> response = webhook(body, headers.path("X-WC-Webhook-Signature").asText());

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String orderId = OrderIds.orderId("woocommerce", STORE, "4811");
        assertThat(response.getBody().path("orderIds").get(0).asText()).isEqualTo(orderId);
        assertThat(order(orderId).path("totals").path("grandTotal").decimalValue()).isEqualByComparingTo("23.95");

        // the same order seen again, as a poll or a redelivered webhook would: one order, one entry from the channel
        assertThat(post("/api/channels/woocommerce/orders", new String(body)).getBody().path("orderIds").get(0).asText())
                .isEqualTo(orderId);
        assertThat(order(orderId).path("history").findValuesAsText("source"))
                .filteredOn(source -> source.startsWith("woocommerce")).containsExactly("woocommerce/webhook");
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
