package io.orderhub.e2e;

import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.CarrierSimulator;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A label costs money, and the carrier simulator, like the real carriers, makes a new shipment for every request it
 * answers: a failure after the label was recorded buys no second one, an answer lost to a timeout is looked up
 * rather than bought again, an order canceled while the carrier was down gets none, and a canceled order's label is
 * voided.
 */
class CarrierLabelOnceTest extends HubTestSupport {

    private static final AtomicBoolean FAIL_AFTER_LABEL = new AtomicBoolean();

    @Test
    void aFailureAfterTheLabelWasRecordedBuysNoSecondLabel() throws Exception {
        // between the label being stored and the ledger saying DELIVERED: the redelivery finds the delivery pending
        AdviceWith.adviceWith(camel, "create-label", route -> route.weaveByToUri("direct:fanout").after()
                .process(exchange -> {
                    if (FAIL_AFTER_LABEL.compareAndSet(true, false)) {
                        throw new IllegalStateException("the hub died after the label, before the ledger update");
                    }
                }));
        wms.setReportProgress(false);
        try {
            FAIL_AFTER_LABEL.set(true);
            String orderId = place(7_700_000_001L);
            await().atMost(Duration.ofSeconds(20)).until(() -> !FAIL_AFTER_LABEL.get()
                    && "DELIVERED".equals(carrierDelivery(orderId).path("status").asText()));
            assertThat(carrierDelivery(orderId).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(carrierDelivery(orderId).path("response").asText()).contains("is recorded already");
            assertThat(carriers.shipments().stream().filter(s -> s.orderId().equals(orderId))).hasSize(1);
        } finally {
            wms.setReportProgress(true);
        }
    }

    @Test
    void anOrderCanceledWhileTheCarrierWasDownGetsNoLabel() {
        wms.setReportProgress(false);
        carriers.setAvailable(false);
        try {
            String orderId = place(7_700_000_002L);
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(orderId) >= 1);
            post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"buyer changed mind\"}");
            carriers.setAvailable(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            // the attempts the carrier answered (503) made nothing: there is no label to look for or void
            assertThat(carrierDelivery(orderId).path("response").asText()).isEqualTo("the order is CANCELED: no label");
            assertThat(carriers.shipments().stream().filter(s -> s.orderId().equals(orderId))).isEmpty();
        } finally {
            carriers.setAvailable(true);
            wms.setReportProgress(true);
        }
    }

    @Test
    void aCarrierThatTimesOutAfterMakingTheShipmentIsAskedForItInsteadOfForASecondOne() {
        wms.setReportProgress(false);
        // longer than the hub waits (camel.component.http.response-timeout in the tests: 3 s)
        carriers.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String orderId = place(7_700_000_003L);
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts(orderId) >= 1);
            carriers.setAnswerDelay(Duration.ZERO);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            assertThat(carrierDelivery(orderId).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).singleElement()
                    .satisfies(shipment -> assertThat(order(orderId).path("fulfillment").path("labelRef").asText())
                            .isEqualTo(shipment.id()));
        } finally {
            carriers.setAnswerDelay(Duration.ZERO);
            wms.setReportProgress(true);
        }
    }

    /**
     * The carrier made the label but its answer was lost (a timeout), and the order was canceled before the retry:
     * the retry finds the order canceled, looks the label up by reference and voids it, though the hub never heard
     * of it. Without the look, the label stays bought.
     */
    @Test
    void aLabelWhoseAnswerWasLostIsVoidedWhenTheOrderIsCanceledBeforeTheRetry() {
        wms.setReportProgress(false);
        // longer than the hub waits (camel.component.http.response-timeout in the tests: 3 s)
        carriers.setAnswerDelay(Duration.ofSeconds(5));
        try {
            String orderId = place(7_700_000_005L);
            CarrierSimulator.Shipment bought = await().atMost(Duration.ofSeconds(15)).until(() -> carriers.shipments()
                    .stream().filter(s -> s.orderId().equals(orderId)).findFirst().orElse(null), s -> s != null);
            assertThat(post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"fraud\"}")
                    .getStatusCode().is2xxSuccessful()).isTrue();
            carriers.setAnswerDelay(Duration.ZERO);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(carriers.voided()).contains(bought.id()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/api/orders/" + orderId
                    + "/deliveries").getBody().findValuesAsText("response"))
                    .contains("label " + bought.id() + ", bought by an attempt whose answer was lost, voided"));
            assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).hasSize(1);
        } finally {
            carriers.setAnswerDelay(Duration.ZERO);
            wms.setReportProgress(true);
        }
    }

    @Test
    void cancelingAnOrderWithALabelVoidsTheLabelAtTheCarrier() {
        wms.setReportProgress(false);
        try {
            String orderId = place(7_700_000_004L);
            await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(carrierDelivery(orderId)
                    .path("status").asText()));
            String labelRef = order(orderId).path("fulfillment").path("labelRef").asText();
            assertThat(labelRef).startsWith("UPS");
            int canceledAt = post("/api/orders/" + orderId + "/status",
                    "{\"status\":\"CANCELED\",\"detail\":\"buyer changed mind\"}").getBody().path("revision").asInt();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(carriers.voided()).contains(labelRef));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(order(orderId).path("fulfillment").path("labelRef").isMissingNode()
                            || order(orderId).path("fulfillment").path("labelRef").isNull()).isTrue());
            assertThat(get("/api/orders/" + orderId + "/deliveries").getBody().findValues("response"))
                    .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                    .contains("label " + labelRef + " voided");
            assertThat(keyOf(orderId, "carrier", canceledAt)).doesNotContain("not scheduled");
            assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).hasSize(1);
        } finally {
            wms.setReportProgress(true);
        }
    }

    private String place(long id) {
        post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id));
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }
}
