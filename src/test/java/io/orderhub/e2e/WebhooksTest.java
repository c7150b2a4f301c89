package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.WebhookSigner;
import io.orderhub.store.ErrorStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shopify's orders/create webhook, signed as Shopify signs it, and what happens to unsigned ones. */
class WebhooksTest extends HubTestSupport {

    private static final String SECRET = "dev-shopify-webhook-secret";

    @Autowired
    ErrorStore errors;

    @Test
    void theSampleWebhookWithItsRealSignatureIsAccepted() throws Exception {
        byte[] body = resource("/samples/shopify/order-basic.json");
        JsonNode headers = json.readTree(resource("/samples/shopify/webhook-orders-create.headers.json"));

        ResponseEntity<JsonNode> response = webhook(body, headers.path("X-Shopify-Hmac-Sha256").asText());

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, "5820114403001");
        assertThat(response.getBody().path("orderIds").get(0).asText()).isEqualTo(orderId);
        assertThat(order(orderId).path("history").get(0).path("source").asText()).isEqualTo("shopify/webhook");
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndNothingIsStored() throws Exception {
        byte[] body = shopifyOrder("order-basic.json", 7_000_000_301L).getBytes(StandardCharsets.UTF_8);
        String valid = sign(body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"23.95\"", "\"0.01\"")
                .getBytes(StandardCharsets.UTF_8);
        long errorsBefore = errors.count(null, null);

        for (ResponseEntity<JsonNode> refused : new ResponseEntity[]{
                webhook(body, null),
                webhook(body, "not base64 !"),
                webhook(body, Base64.getEncoder().encodeToString(new byte[32])),
                webhook(tampered, valid)}) {
            assertThat(refused.getStatusCode().value()).isEqualTo(401);
            assertThat(refused.getBody().path("error").asText()).isEqualTo("webhook signature missing or invalid");
        }
        assertThat(get("/api/orders/lookup?channel=shopify&channelOrderId=7000000301").getStatusCode().value())
                .isEqualTo(404);
        assertThat(errors.count(null, null)).isEqualTo(errorsBefore);
        assertThat(webhook(body, valid).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aWebhookAndAPollOfTheSameOrderGiveOneOrder() throws Exception {
        String now = OffsetDateTime.now(ZoneOffset.ofHours(-5)).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode order = (ObjectNode) json.readTree(shopifyOrder("order-basic.json", 7_000_000_311L));
        order.put("updated_at", now);
        byte[] body = json.writeValueAsBytes(order);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, "7000000311");

        assertThat(webhook(body, sign(body)).getStatusCode().value()).isEqualTo(202);
        shopify.add(order.deepCopy());
        Instant updatedAt = OffsetDateTime.parse(now).toInstant();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Instant.parse(cursors.get("shopify", ACCOUNT).orElse("1970-01-01T00:00:00Z"))).isAfterOrEqualTo(updatedAt));

        assertThat(get("/api/orders?channel=shopify&size=200").getBody().path("items").findValuesAsText("orderId")
                .stream().filter(orderId::equals)).hasSize(1);
        assertThat(order(orderId).path("history").get(0).path("source").asText()).isEqualTo("shopify/webhook");
        assertThat(order(orderId).path("history").findValuesAsText("detail")).doesNotContain("updated by shopify");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(wms.receivedKeys()).filteredOn(k -> k.startsWith(orderId)).containsExactly(keyOf(orderId, "wms", 1)));
    }

    @Test
    void aChannelWithoutWebhookSettingsHasNoWebhook() throws Exception {
        assertThat(webhook("nope", "{}".getBytes(StandardCharsets.UTF_8), null).getStatusCode().value()).isEqualTo(404);
    }

    /**
     * A signed delivery sent again under its delivery id (a replay, or Shopify's retry of one the hub took) is answered
     * 200 and not taken: here its body even says something else, and the order keeps what the first said. One stamped
     * days ago is refused, and nothing of it is stored.
     */
    @Test
    void aSignedDeliveryIsNotTakenTwiceNorLongAfterItWasSent() throws Exception {
        long id = 7_000_000_391L;
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
        byte[] body = shopifyOrder("order-basic.json", id).getBytes(StandardCharsets.UTF_8);
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("\"23.95\"", "\"0.01\"")
                .getBytes(StandardCharsets.UTF_8);
        String now = Instant.now().toString();

        assertThat(signed(body, "delivery-391", now).getStatusCode().value()).isEqualTo(202);
        ResponseEntity<JsonNode> replay = signed(changed, "delivery-391", now);
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(replay.getBody().path("duplicate").asText()).isEqualTo("delivery-391");
        assertThat(order(orderId).path("totals").path("grandTotal").decimalValue()).isEqualByComparingTo("23.95");

        long old = 7_000_000_392L;
        ResponseEntity<JsonNode> stale = signed(shopifyOrder("order-basic.json", old).getBytes(StandardCharsets.UTF_8),
                "delivery-392", Instant.now().minus(Duration.ofDays(4)).toString());
        assertThat(stale.getStatusCode().value()).isEqualTo(401);
        assertThat(stale.getBody().path("error").asText()).isEqualTo("webhook timestamp outside the replay window");
        assertThat(get("/api/orders/" + OrderIds.orderId("shopify", ACCOUNT, String.valueOf(old)))
                .getStatusCode().value()).isEqualTo(404);
    }

    private ResponseEntity<JsonNode> signed(byte[] body, String deliveryId, String triggeredAt) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.set("X-Shopify-Hmac-Sha256", sign(body));
        headers.set("X-Shopify-Webhook-Id", deliveryId);
        headers.set("X-Shopify-Triggered-At", triggeredAt);
        return rest.exchange("/webhooks/shopify", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> webhook(byte[] body, String signature) {
        return webhook("shopify", body, signature);
    }

    private ResponseEntity<JsonNode> webhook(String channel, byte[] body, String signature) {
        return webhook(channel, "X-Shopify-Hmac-Sha256", body, signature);
    }

    private static String sign(byte[] body) {
        return WebhookSigner.sign(SECRET, body);
    }
}
