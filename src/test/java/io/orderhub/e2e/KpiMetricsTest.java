package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The KPIs in /actuator/prometheus as a dashboard reads them (README "KPIs"), from orders through the real routes:
 * intake, sync lag, processing time to the warehouse, fulfilment, errors, and each channel's sync state.
 */
class KpiMetricsTest extends HubTestSupport {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+|NaN)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    @Test
    void aPolledOrderIsMeasuredFromTheChannelToTheWarehouseAndShipped() {
        wms.setReportProgress(true);
        String id = shopify.placeOrder(false).get("id").asText();
        String orderId = OrderIds.orderId("shopify", ACCOUNT, id);
        double processed = metric("hub_order_processing_seconds_count", Map.of("channel", "shopify", "from", "intake"));
        double shipped = metric("hub_order_fulfillment_shipped_total", Map.of("channel", "shopify", "warehouse", "nj",
                "complete", "true", "on_time", "true"));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(order(orderId).path("status").asText()).isEqualTo("DELIVERED"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("hub_order_processing_seconds_count", Map.of("channel", "shopify", "from", "intake")))
                    .isGreaterThan(processed);
            assertThat(metric("hub_order_fulfillment_shipped_total", Map.of("channel", "shopify", "warehouse", "nj",
                    "complete", "true", "on_time", "true"))).isGreaterThan(shipped);
        });
        assertThat(metric("hub_order_processing_seconds_count", Map.of("channel", "shopify", "from", "placed")))
                .isPositive();
        assertThat(metric("hub_orders_received_total", Map.of("channel", "shopify", "outcome", "CREATED")))
                .isPositive();
        assertThat(metric("hub_channel_sync_lag_seconds_count", Map.of("channel", "shopify", "source", "poll")))
                .isPositive();
        // the histogram's buckets are what a dashboard's quantiles are made of
        assertThat(metric("hub_channel_sync_lag_seconds_bucket", Map.of("channel", "shopify", "source", "poll",
                "le", "+Inf"))).isEqualTo(metric("hub_channel_sync_lag_seconds_count",
                Map.of("channel", "shopify", "source", "poll")));
        assertThat(metric("hub_order_fulfillment_confirmed_total", Map.of("channel", "shopify", "warehouse", "nj")))
                .isPositive();
        assertThat(metric("hub_channel_polls_total", Map.of("channel", "shopify", "result", "ok"))).isPositive();
        assertThat(metric("hub_channel_last_poll_age_seconds", Map.of("channel", "shopify"))).isBetween(0.0, 30.0);
    }

    @Test
    void refusedInputCountsAsAnErrorOfItsChannelAndStage() {
        double before = metric("hub_order_errors_total", Map.of("channel", "shopify"));

        ResponseEntity<JsonNode> refused = post("/api/channels/shopify/orders", "{\"id\": 7400000001, \"line_items\": []}");

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        String errorId = refused.getBody().path("errorId").asText();
        assertThat(errorId).startsWith("err-");
        String stage = ops().getForObject("/api/errors/" + errorId, JsonNode.class).path("stage").asText();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                metric("hub_order_errors_total", Map.of("channel", "shopify", "stage", stage))).isPositive());
        assertThat(metric("hub_order_errors_total", Map.of("channel", "shopify"))).isEqualTo(before + 1);

        // the same input again is the same entry, counted there, not a second error
        post("/api/channels/shopify/orders", "{\"id\": 7400000001, \"line_items\": []}");
        assertThat(metric("hub_order_errors_total", Map.of("channel", "shopify"))).isEqualTo(before + 1);
    }

    @Test
    void aPollTheChannelRefusesShowsInTheChannelsSyncStateUntilOneWorks() {
        double failed = metric("hub_channel_polls_total", Map.of("channel", "shopify", "result", "failed"));
        // the order polls themselves: the stock pushes of the shared sandbox call Shopify in between
        shopify.faults().refuseNext(3, "/orders.json");

        JsonNode broken = await().atMost(Duration.ofSeconds(20)).until(this::shopifySync,
                s -> !s.path("lastPollOk").asBoolean(true));
        assertThat(broken.path("polled").asBoolean()).isTrue();
        assertThat(broken.path("lastError").asText()).contains("shopify answered 401")
                .contains("Invalid API key or access token");
        assertThat(metric("hub_channel_polls_total", Map.of("channel", "shopify", "result", "failed")))
                .isGreaterThan(failed);

        JsonNode healed = await().atMost(Duration.ofSeconds(20)).until(this::shopifySync,
                s -> s.path("lastPollOk").asBoolean(false));
        assertThat(healed.path("lastError").asText()).as("the last error stays to be read").contains("401");
        assertThat(healed.path("lastErrorAt").asText()).isNotBlank();

        // the cursor is the newest change stored of the channel
        String placed = OrderIds.orderId("shopify", ACCOUNT, shopify.placeOrder(false).get("id").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + placed).getStatusCode().value() == 200);
        JsonNode cursor = await().atMost(Duration.ofSeconds(10)).until(() -> shopifySync().path("cursors"),
                c -> c.findValuesAsText("account").contains(ACCOUNT));
        assertThat(cursor.get(0).path("ageSeconds").asDouble()).isBetween(0.0, 60.0);
        assertThat(cursor.get(0).path("movedAt").asText()).isNotBlank();
    }

    private JsonNode shopifySync() {
        JsonNode all = as(SandboxLogins.VIEWER).getForObject("/api/channels/sync", JsonNode.class);
        for (JsonNode channel : all) {
            if (channel.path("channel").asText().equals("shopify")) {
                return channel;
            }
        }
        throw new AssertionError("no shopify in " + all);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when there is none. */
    private double metric(String name, Map<String, String> labels) {
        String text = as(SandboxLogins.METRICS).getForObject("/actuator/prometheus", String.class);
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
