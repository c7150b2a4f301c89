package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing is final that an operator cannot undo: a delivery the destination refused is DEAD and listed, and is sent
 * again, one or in bulk, exactly once each; answers that a retry can get past (401, 409) are retried, not DEAD.
 */
class DeliveryRetryTest extends HubTestSupport {

    @AfterEach
    void warehouseAnswersAgain() {
        wms.setAnswer(null);
        wms.setAvailable(true);
        wms.setReportProgress(true);
    }

    @Test
    void aRefusedDeliveryIsDeadListedAndSentAgainOnceWhenAnOperatorRetriesIt() {
        wms.setReportProgress(false);
        wms.setAnswer(422);
        String orderId = place(7_500_000_001L);
        String key = keyOf(orderId, "wms", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(key).path("status").asText()).isEqualTo("DEAD"));
        assertThat(delivery(key).path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery(key).path("lastError").asText()).startsWith("refused with 422");

        JsonNode dead = get("/api/deliveries?status=DEAD&destination=wms&size=200").getBody();
        assertThat(dead.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(dead.path("items").findValuesAsText("key")).contains(key);
        assertThat(dead.path("items").get(0).path("orderId").asText()).isNotBlank();

        // operations see it in Prometheus: a DEAD wms delivery
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric("hub_deliveries", "destination=\"wms\"", "status=\"DEAD\"")).isGreaterThanOrEqualTo(1));

        // the WMS is fixed; the operator sends it again: it arrives once, under the same Idempotency-Key
        wms.setAnswer(null);
        ResponseEntity<JsonNode> retried = post("/api/deliveries/" + key + "/retry", "");
        assertThat(retried.getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(key).path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(wms.receivedKeys().stream().filter(key::equals)).hasSize(1);
        assertThat(metric("hub_deliveries_republished_total", "destination=\"wms\"", "reason=\"operator\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric("hub_deliveries_oldest_pending_seconds", "destination=\"wms\"")).isGreaterThanOrEqualTo(0);

        // delivered is final; an unknown key is not found
        assertThat(post("/api/deliveries/" + key + "/retry", "").getStatusCode().value()).isEqualTo(409);
        assertThat(post("/api/deliveries/no-such-key/retry", "").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aBulkRetrySendsEveryDeadDeliveryOfTheDestinationOnceEach() {
        wms.setReportProgress(false);
        wms.setAnswer(400);
        Instant since = Instant.now().minusSeconds(1);
        List<String> keys = List.of(place(7_500_000_011L), place(7_500_000_012L), place(7_500_000_013L)).stream()
                .map(orderId -> keyOf(orderId, "wms", 1)).toList();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> keys.forEach(key ->
                assertThat(delivery(key).path("status").asText()).isEqualTo("DEAD")));

        wms.setAnswer(null);
        ResponseEntity<JsonNode> bulk = post("/api/deliveries/retry",
                "{\"destination\": \"wms\", \"status\": \"DEAD\", \"since\": \"" + since + "\"}");

        assertThat(bulk.getStatusCode().value()).isEqualTo(202);
        assertThat(bulk.getBody().path("retried").asInt()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> keys.forEach(key ->
                assertThat(delivery(key).path("status").asText()).isEqualTo("DELIVERED")));
        for (String key : keys) {
            assertThat(wms.receivedKeys().stream().filter(key::equals)).as(key).hasSize(1);
        }
        assertThat(post("/api/deliveries/retry", "{\"status\": \"DEAD\"}").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aRotatedTokenOrABusyReceiverIsRetriedNotDead() {
        wms.setReportProgress(false);
        wms.setAnswer(401);
        String orderId = place(7_500_000_021L);
        String key = keyOf(orderId, "wms", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(key).path("attempts").asInt() >= 2);
        assertThat(delivery(key).path("status").asText()).isEqualTo("PENDING");
        wms.setAnswer(409);
        int attempts = delivery(key).path("attempts").asInt();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivery(key).path("attempts").asInt() > attempts);
        assertThat(delivery(key).path("status").asText()).isEqualTo("PENDING");

        wms.setAnswer(null); // the new token is in place
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(key).path("status").asText()).isEqualTo("DELIVERED"));
    }

    /** A value from /actuator/prometheus: the first sample of the metric whose labels hold every fragment. */
    private double metric(String name, String... labels) {
        String text = as(SandboxLogins.METRICS).getForObject("/actuator/prometheus", String.class);
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void everyAttemptOfAKeySendsTheOrderAsItWasWhenTheDeliveryWasScheduled() {
        wms.setReportProgress(false);
        wms.setAvailable(false);
        String orderId = place(7_500_000_031L);
        String confirmed = keyOf(orderId, "wms", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(confirmed).path("attempts").asInt() >= 1);
        // while the warehouse is away the order is canceled: a second delivery, the cancellation
        post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"buyer changed mind\"}");
        String canceled = StreamSupport.stream(get("/api/orders/" + orderId + "/deliveries").getBody().spliterator(), false)
                .map(d -> d.path("key").asText()).filter(k -> k.contains(":wms:") && !k.equals(confirmed))
                .findFirst().orElseThrow();

        wms.setAvailable(true);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(delivery(confirmed).path("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivery(canceled).path("status").asText()).isEqualTo("DELIVERED");
        });
        // the first key still carries the order it was scheduled with, the second the cancellation
        assertThat(wms.actionOf(confirmed)).isEqualTo("fulfil");
        assertThat(wms.actionOf(canceled)).isEqualTo("cancel");
    }

    private String place(long id) {
        post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id));
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }

    private JsonNode delivery(String key) {
        String orderId = key.substring(0, key.indexOf(':'));
        return StreamSupport.stream(get("/api/orders/" + orderId + "/deliveries").getBody().spliterator(), false)
                .filter(d -> d.path("key").asText().equals(key)).findFirst().orElseThrow();
    }
}
