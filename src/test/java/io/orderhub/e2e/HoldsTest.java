package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Screening (mappings/holds/screen.jsonata): a new order that fires a rule is kept ON_HOLD with the rule in its
 * history and is sent nowhere; the channel's next update does not lift the hold; a release does, and the order
 * goes on to the warehouse.
 */
class HoldsTest extends HubTestSupport {

    @Test
    void anOrderWhoseBillingAndShippingCountriesDifferWaitsForARelease() {
        // the billing address (the first country_code in the sample) in Canada, shipping in the US
        String body = shopifyOrder("order-basic.json", 7_200_000_001L).replaceFirst("\"country_code\": \"US\"",
                "\"country_code\": \"CA\"");
        String orderId = post("/api/channels/shopify/orders?account=" + ACCOUNT, body).getBody()
                .path("orderIds").get(0).asText();

        JsonNode order = order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("ON_HOLD");
        assertThat(order.path("history").get(0).path("detail").asText()).isEqualTo("held by rule countries-differ: "
                + "billing country CA differs from shipping country US (the channel says CONFIRMED)");
        assertThat(get("/api/orders/" + orderId + "/deliveries").getBody().findValuesAsText("destination"))
                .doesNotContain("wms", "erp");

        // the channel updates the order (a later updated_at, a new note): still on hold
        post("/api/channels/shopify/orders?account=" + ACCOUNT, body.replace("2025-03-04T10:21:09-08:00",
                "2025-03-04T11:00:00-08:00").replace("\"note\": null", "\"note\": \"please hurry\""));
        assertThat(order(orderId).path("status").asText()).isEqualTo("ON_HOLD");

        ResponseEntity<JsonNode> released = post("/api/orders/" + orderId + "/release",
                "{\"detail\":\"customer confirmed by phone\",\"source\":\"ops/ayse\"}");
        assertThat(released.getStatusCode().value()).isEqualTo(200);
        assertThat(released.getBody().path("status").asText()).isEqualTo("CONFIRMED");
        await().atMost(Duration.ofSeconds(20)).until(() -> wms.receivedKeys().stream().anyMatch(k -> k.startsWith(orderId)));
        JsonNode history = order(orderId).path("history");
        assertThat(history.findValuesAsText("detail")).contains("released: customer confirmed by phone");
        assertThat(history.findValuesAsText("source")).contains("ops/ayse");

        // a second release has nothing to release
        assertThat(post("/api/orders/" + orderId + "/release", "{}").getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void anOrderOverTheValueLimitIsHeldAndAnOrdinaryOneIsNot() {
        String large = shopifyOrder("order-basic.json", 7_200_000_002L).replace("\"total_price\": \"23.95\"",
                "\"total_price\": \"12500.00\"");
        String heldId = post("/api/channels/shopify/orders?account=" + ACCOUNT, large).getBody()
                .path("orderIds").get(0).asText();
        assertThat(order(heldId).path("status").asText()).isEqualTo("ON_HOLD");
        assertThat(order(heldId).path("history").get(0).path("detail").asText())
                .startsWith("held by rule value-over-limit: order value 12500 USD is over the limit of 10000");

        String ordinaryId = post("/api/channels/shopify/orders?account=" + ACCOUNT,
                shopifyOrder("order-basic.json", 7_200_000_003L)).getBody().path("orderIds").get(0).asText();
        assertThat(order(ordinaryId).path("status").asText()).isEqualTo("CONFIRMED");
    }
}
