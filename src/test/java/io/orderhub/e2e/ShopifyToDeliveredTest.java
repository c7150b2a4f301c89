package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.ChannelSimulator;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Shopify slice end to end: poll, map, enrich, store, fan out to each destination once (the WMS, the carrier,
 * the ERP, events on Kafka, and the write-back), and the lifecycle to DELIVERED as the carrier reports it.
 */
class ShopifyToDeliveredTest extends HubTestSupport {

    @Value("${hub.kafka.bootstrap-servers}")
    String kafka;
    @Value("${hub.destinations.events.topic}")
    String topic;

    @Test
    void aPolledOrderWalksTheWholeLifecycle() {
        NotifyBuilder toWarehouse = new NotifyBuilder(camel).fromRoute("deliver-wms").whenCompleted(1).create();
        String channelOrderId = shopify.placeOrder(false).get("id").asText();
        String orderId = OrderIds.orderId("shopify", ACCOUNT, channelOrderId);

        assertThat(toWarehouse.matches(30, TimeUnit.SECONDS)).as("the WMS delivery route completed").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("DELIVERED"));

        JsonNode order = order(orderId);
        assertThat(order.path("channelOrderId").asText()).isEqualTo(channelOrderId);
        // allocated to the US warehouse, and UPS (the carrier rules for the US) made the label
        assertThat(order.path("fulfillment").path("warehouse").asText()).isEqualTo("nj");
        assertThat(order.path("lines").get(0).path("masterSku").asText()).isEqualTo("MUG-CER-12-BLU");
        assertThat(order.path("fulfillment").path("carrier").asText()).isEqualTo("UPS");
        assertThat(order.path("fulfillment").path("labelRef").asText()).startsWith("UPS");
        assertThat(order.path("fulfillment").path("trackingNumbers")).hasSize(1);
        List<String> history = new ArrayList<>();
        order.path("history").forEach(h -> history.add(h.path("status").asText() + "/" + h.path("source").asText()));
        assertThat(history).containsSubsequence("CONFIRMED/shopify/poll", "PICKING/wms", "PACKED/wms", "SHIPPED/wms",
                "SHIPPED/ups", "DELIVERED/ups").contains("CONFIRMED/ups");
        assertThat(order.path("history").findValuesAsText("detail")).contains("in transit: Arrival Scan (Louisville)");
        int shippedAt = revisionOf(order, "SHIPPED/wms");

        // each destination once: one fulfillment order, one shipment at the carrier, however often the poll saw it
        assertThat(wms.receivedKeys()).filteredOn(k -> k.startsWith(orderId)).containsExactly(keyOf(orderId, "wms", 1));
        assertThat(carriers.shipments()).filteredOn(s -> s.orderId().equals(orderId)).singleElement()
                .satisfies(s -> assertThat(s.reference()).isEqualTo(keyOf(orderId, "carrier", 1)));
        int revisions = order.path("history").size();
        JsonNode deliveries = await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/orders/" + orderId + "/deliveries").getBody(),
                d -> d.size() == revisions + 5 && d.findValuesAsText("status").stream().allMatch("DELIVERED"::equals));
        assertThat(deliveries.findValuesAsText("key")).contains(keyOf(orderId, "channel", shippedAt), keyOf(orderId, "erp", 1),
                keyOf(orderId, "erp", shippedAt), keyOf(orderId, "carrier", 1));

        // the ERP booked the sale and its shipment, once each
        List<JsonNode> booked = await().atMost(Duration.ofSeconds(10)).until(() -> erp.messagesFor(orderId), m -> m.size() == 2);
        assertThat(booked).extracting(m -> m.path("event").asText()).containsExactly("created", "shipped");
        assertThat(booked.get(0).path("idempotencyKey").asText()).isEqualTo(keyOf(orderId, "erp", 1));
        assertThat(booked.get(0).path("externalReference").asText()).isEqualTo(channelOrderId);
        assertThat(booked.get(0).path("lines").get(0).path("itemNo").asText()).isNotBlank();
        assertThat(booked.get(1).path("shipment").path("carrier").asText()).isEqualTo("UPS");

        // the shipment went back to Shopify: a fulfillment of the order's open fulfillment order, with the tracking
        String tracking = order.path("fulfillment").path("trackingNumbers").get(0).asText();
        List<ChannelSimulator.WriteBack> fulfillments = shopify.writeBacks().stream()
                .filter(w -> w.path().endsWith("/fulfillments.json")
                        && tracking.equals(w.body().path("fulfillment").path("tracking_info").path("number").asText()))
                .toList();
        assertThat(fulfillments).hasSize(1);
        JsonNode fulfillment = fulfillments.get(0).body().path("fulfillment");
        assertThat(fulfillment.path("tracking_info").path("company").asText()).isEqualTo("UPS");
        assertThat(fulfillment.path("notify_customer").asBoolean()).isTrue();
        assertThat(fulfillment.path("line_items_by_fulfillment_order").findValuesAsText("fulfillment_order_id"))
                .containsExactly(String.valueOf(Long.parseLong(channelOrderId) + 1_000_000_000_000L));

        // and one lifecycle event per change on Kafka, keyed by the order id
        List<ConsumerRecord<String, String>> events = eventsFor(orderId, revisions);
        assertThat(events).extracting(ConsumerRecord::key).containsOnly(orderId);
        assertThat(events).extracting(r -> readStatus(r.value()))
                .containsSubsequence("CONFIRMED", "PICKING", "PACKED", "SHIPPED", "DELIVERED");
        JsonNode shipped = read(events.get(shippedAt - 1).value());
        assertThat(new String(events.get(shippedAt - 1).headers().lastHeader("Idempotency-Key").value(),
                StandardCharsets.UTF_8)).isEqualTo(keyOf(orderId, "events", shippedAt));
        assertThat(shipped.path("type").asText()).isEqualTo("order.lifecycle");
        assertThat(shipped.path("version").asInt()).isEqualTo(1);
        assertThat(shipped.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.path("previousStatus").asText()).isEqualTo("PACKED");
        assertThat(shipped.path("trackingNumbers")).hasSize(1);
    }

    private static int revisionOf(JsonNode order, String statusAndSource) {
        for (JsonNode h : order.path("history")) {
            if ((h.path("status").asText() + "/" + h.path("source").asText()).equals(statusAndSource)) {
                return h.path("revision").asInt();
            }
        }
        throw new AssertionError("no " + statusAndSource + " in " + order.path("history"));
    }

    @Test
    void anUnpaidOrderWaitsAndGoesToTheWarehouseOnceItIsPaid() {
        String channelOrderId = shopify.placeOrder(true).get("id").asText();
        String orderId = OrderIds.orderId("shopify", ACCOUNT, channelOrderId);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).isEqualTo(200));
        assertThat(order(orderId).path("status").asText()).isEqualTo("NEW");
        assertThat(wms.receivedKeys()).noneMatch(k -> k.startsWith(orderId));

        shopify.payPending();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(wms.receivedKeys()).contains(keyOf(orderId, "wms", 2)));
        JsonNode history = order(orderId).path("history");
        assertThat(history.get(0).path("status").asText()).isEqualTo("NEW");
        assertThat(history.get(1).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(history.get(1).path("detail").asText()).isEqualTo("updated by shopify, status NEW -> CONFIRMED");
    }

    private List<ConsumerRecord<String, String>> eventsFor(String orderId, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (orderId.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("event is not JSON: " + value, e);
        }
    }

    private String readStatus(String value) {
        return read(value).path("status").asText();
    }
}
