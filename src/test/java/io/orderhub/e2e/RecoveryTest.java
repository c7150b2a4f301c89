package io.orderhub.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.CanonicalOrders;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.IntakeResult;
import io.orderhub.store.OrderStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The poller across pages and its cursor, and deliveries whose publish was lost. */
class RecoveryTest extends HubTestSupport {

    @Autowired
    OrderStore store;
    @Autowired
    CanonicalOrders canonical;

    @Test
    void aBurstOfOrdersAcrossSeveralPagesArrivesWholeAndMovesTheCursor() {
        List<String> orderIds = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (int i = 0; i < 8; i++) { // page size 3 in tests: at least three pages
            ObjectNode order = shopify.placeOrder(false);
            orderIds.add(OrderIds.orderId("shopify", ACCOUNT, order.get("id").asText()));
            Instant updated = OffsetDateTime.parse(order.get("updated_at").asText()).toInstant();
            newest = updated.isAfter(newest) ? updated : newest;
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).as(orderId).isEqualTo(200);
            }
        });
        Instant expectedCursor = newest;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Instant.parse(cursors.get("shopify", ACCOUNT).orElse("1970-01-01T00:00:00Z"))).isAfterOrEqualTo(expectedCursor));
    }

    @Test
    void aThrottledAndFailingChannelSlowsThePollerDownAndLosesNothing() {
        int faultsBefore = shopify.faults().faultsAnswered();
        shopify.faults().throttleNext(2); // 429 with Retry-After: 1, twice
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orderIds.add(OrderIds.orderId("shopify", ACCOUNT, shopify.placeOrder(false).get("id").asText()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> shopify.faults().faultsAnswered() >= faultsBefore + 2);
        shopify.faults().failNext(2); // then two 503s, retried with backoff

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).as(orderId).isEqualTo(200);
            }
        });
        assertThat(shopify.faults().faultsAnswered()).isEqualTo(faultsBefore + 4);
        // the poll route never failed: it waited and asked again
        assertThat(camel.getRoute("poll-shopify").getUptimeMillis()).isPositive();
        assertThat(((org.apache.camel.api.management.mbean.ManagedRouteMBean) camel.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("poll-shopify")).getExchangesFailed()).isZero();
    }

    @Test
    void aDeliveryWhosePublishWasLostIsSentByTheSweep() {
        // As if the hub died between the commit and the publish: stored, deliveries pending, nothing on the queues.
        String raw = shopifyOrder("order-basic.json", 7_000_000_201L);
        String mapped = camel.createProducerTemplate().requestBody(
                "jsonata:file:mappings/shopify/to-canonical.jsonata?inputType=JsonString&outputType=JsonString",
                raw, String.class);
        IntakeResult stored = store.accept(canonical.fromMapping(mapped, "shopify", ACCOUNT), raw, "crash-test");
        String wmsKey = keyOf(stored.orderId(), "wms", 1);
        assertThat(wms.receivedKeys()).doesNotContain(wmsKey);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(wms.receivedKeys()).contains(wmsKey));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (var row : get("/api/orders/" + stored.orderId() + "/deliveries").getBody()) {
                if (row.path("revision").asInt() == 1) {
                    assertThat(row.path("status").asText()).as(row.path("key").asText()).isEqualTo("DELIVERED");
                }
            }
        });
        // the sweep keeps running: the key still reached the warehouse once
        assertThat(wms.receivedKeys()).filteredOn(wmsKey::equals).hasSize(1);
    }
}
