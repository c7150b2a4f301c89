package io.orderhub.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POS events over the real Kafka broker, and B2B portal orders over the real Artemis queue and the API. */
class StoreAndPortalTest extends HubTestSupport {

    private static final String B2B_ORDER = """
            {"channelOrderId": "%s", "orderNumber": "PO-%s", "placedAt": "2026-11-20T09:00:00Z",
             "currency": "EUR", "customer": {"name": "Müller Küchen GmbH", "email": "einkauf@example.de"},
             "shipTo": {"name": "Müller Küchen GmbH", "line1": "Industriestraße 4", "city": "Köln",
                        "postalCode": "50667", "countryCode": "DE", "phone": "+49 221 555 0100"},
             "lines": [{"lineId": "1", "sku": "MUG-CER-12-BLU", "quantity": 48, "unitPrice": "9.50", "total": "456.00"}],
             "totals": {"subtotal": "456.00", "grandTotal": "456.00"}}""";

    @Autowired
    JmsTemplate jms;
    @Autowired
    ErrorStore errors;

    @Test
    void aStoreSaleArrivesFromKafkaAndItsVoidCancelsIt() {
        ObjectNode sale = pos.placeOrder();
        String store = sale.path("source").path("storeId").asText();
        String orderId = OrderIds.orderId("pos", store, sale.path("order").path("posOrderId").asText());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).isEqualTo(200));
        assertThat(order(orderId).path("history").get(0).path("source").asText()).isEqualTo("pos/kafka");
        // (the warehouse simulator may be picking it already)
        assertThat(order(orderId).path("history").get(0).path("status").asText()).isEqualTo("CONFIRMED");

        pos.publish(sale); // redelivered: the same event changes nothing
        ObjectNode voided = sale.deepCopy();
        voided.put("eventId", "void-" + sale.path("eventId").asText());
        voided.put("eventType", "pos.order.voided");
        voided.put("occurredAt", OffsetDateTime.parse(sale.path("occurredAt").asText()).plusMinutes(5).toString());
        pos.publish(voided);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("CANCELED"));
        assertThat(order(orderId).path("history").findValuesAsText("status")).containsSubsequence("CONFIRMED", "CANCELED");
    }

    @Test
    void portalOrdersArriveFromTheQueueAndTheApi() {
        jms.convertAndSend("hub.channels.b2b.orders", B2B_ORDER.formatted("B2B-9001", "9001"), message -> {
            message.setStringProperty("hubAccount", "mueller-kuechen");
            return message;
        });
        String fromQueue = OrderIds.orderId("b2b", "mueller-kuechen", "B2B-9001");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/orders/" + fromQueue).getStatusCode().value()).isEqualTo(200));
        assertThat(order(fromQueue).path("status").asText()).isEqualTo("NEW");
        assertThat(order(fromQueue).path("shipTo").path("city").asText()).isEqualTo("Köln");
        assertThat(order(fromQueue).path("history").get(0).path("source").asText()).isEqualTo("b2b/jms");

        assertThat(post("/api/channels/b2b/orders", B2B_ORDER.formatted("B2B-9002", "9002")).getStatusCode().value())
                .isEqualTo(202);
        assertThat(get("/api/orders/" + OrderIds.orderId("b2b", "b2b-portal", "B2B-9002")).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void aBrokenPortalMessageGoesToTheErrorStoreAndTheQueueMovesOn() {
        long before = errors.count(null, "b2b");
        jms.convertAndSend("hub.channels.b2b.orders", "{\"channelOrderId\": \"B2B-9100\", ");
        jms.convertAndSend("hub.channels.b2b.orders", B2B_ORDER.formatted("B2B-9101", "9101"));

        String next = OrderIds.orderId("b2b", "b2b-portal", "B2B-9101");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/orders/" + next).getStatusCode().value()).isEqualTo(200));
        assertThat(errors.count(null, "b2b")).isEqualTo(before + 1);
    }
}
