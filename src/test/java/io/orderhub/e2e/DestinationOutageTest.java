package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A destination that is down (the warehouse, the carrier) delays only itself, and gets the order once it is back. */
class DestinationOutageTest extends HubTestSupport {

    @Autowired
    EmbeddedActiveMQ broker;


    @AfterEach
    void destinationsBack() {
        wms.setAvailable(true);
        carriers.setAvailable(true);
    }

    @Test
    void theWarehouseGetsTheOrderAfterItComesBackAndEventsDoNotWait() {
        wms.setAvailable(false);
        String orderId = placeWhileDown(7_000_000_101L, "wms");
        String wmsKey = keyOf(orderId, "wms", 1);
        // the carrier, the ERP and the events are not held up by the warehouse
        for (String other : new String[]{"events", "erp", "carrier"}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(delivery(orderId, keyOf(orderId, other, 1)).path("status").asText()).isEqualTo("DELIVERED"));
        }
        assertThat(wms.receivedKeys()).doesNotContain(wmsKey);

        wms.setAvailable(true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(orderId, wmsKey).path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(wms.receivedKeys()).filteredOn(wmsKey::equals).hasSize(1);
    }

    @Test
    void eachDestinationQueueHasItsOwnRetryPolicy() {
        AddressSettings carrier = broker.getActiveMQServer().getAddressSettingsRepository().getMatch("hub.delivery.carrier");
        AddressSettings warehouse = broker.getActiveMQServer().getAddressSettingsRepository().getMatch("hub.delivery.wms");
        assertThat(carrier.getMaxDeliveryAttempts()).isEqualTo(150);
        assertThat(carrier.getRedeliveryDelay()).isEqualTo(100);
        assertThat(carrier.getRedeliveryMultiplier()).isEqualTo(1.5); // not overridden: the common value
        assertThat(warehouse.getMaxDeliveryAttempts()).isEqualTo(100);
        assertThat(warehouse.getRedeliveryDelay()).isEqualTo(200);
        assertThat(warehouse.getDeadLetterAddress().toString()).isEqualTo("hub.delivery.dlq");
    }

    @Test
    void theCarrierMakesTheLabelAfterItComesBackAndTheWarehouseDoesNotWait() {
        carriers.setAvailable(false);
        String orderId = placeWhileDown(7_000_000_102L, "carrier");
        String carrierKey = keyOf(orderId, "carrier", 1);
        assertThat(delivery(orderId, keyOf(orderId, "wms", 1)).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(order(orderId).path("fulfillment").path("labelRef").isMissingNode()).isTrue();

        carriers.setAvailable(true);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(orderId, carrierKey).path("status").asText()).isEqualTo("DELIVERED"));
        assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).hasSize(1);
        assertThat(order(orderId).path("fulfillment").path("labelRef").asText()).startsWith("UPS");
    }

    /** Places an order and waits until the delivery to the destination that is down has been retried. */
    private String placeWhileDown(long shopifyId, String destination) {
        String orderId = post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", shopifyId))
                .getBody().path("orderIds").get(0).asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode row = delivery(orderId, keyOf(orderId, destination, 1));
            assertThat(row.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(row.path("status").asText()).isEqualTo("PENDING");
            assertThat(row.path("lastError").asText()).contains("503");
        });
        return orderId;
    }

    private JsonNode delivery(String orderId, String key) {
        for (JsonNode row : get("/api/orders/" + orderId + "/deliveries").getBody()) {
            if (key.equals(row.path("key").asText())) {
                return row;
            }
        }
        throw new AssertionError("no delivery " + key + " in " + get("/api/orders/" + orderId + "/deliveries"));
    }
}
