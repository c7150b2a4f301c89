package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as systems and operators use it, including every kind of bad input and what it leaves behind. */
class ApiContractTest extends HubTestSupport {

    @Autowired
    ErrorStore errors;

    @Test
    void aWebhookBodyIsAcceptedOnceAndFoundAgain() {
        String body = shopifyOrder("order-basic.json", 7_000_000_001L);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, "7000000001");

        ResponseEntity<JsonNode> first = post("/api/channels/shopify/orders?account=" + ACCOUNT, body);
        ResponseEntity<JsonNode> again = post("/api/channels/shopify/orders", body);

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(first.getBody().path("orderIds").get(0).asText()).isEqualTo(orderId);
        assertThat(first.getBody().path("results").get(0).path("outcome").asText()).isEqualTo("CREATED");
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getBody().path("results").get(0).path("outcome").asText()).isEqualTo("DUPLICATE");

        JsonNode found = get("/api/orders/lookup?channel=shopify&channelOrderId=7000000001").getBody();
        assertThat(found.path("orderId").asText()).isEqualTo(orderId);
        assertThat(found.path("orderNumber").asText()).isEqualTo("#1041");
        assertThat(found.path("totals").path("grandTotal").decimalValue()).isEqualByComparingTo("23.95");
        assertThat(found.path("history").get(0).path("source").asText()).isEqualTo("shopify/api");
    }

    @Test
    void aListPageGivesEveryOrderOnIt() {
        String page = "{\"orders\":[" + shopifyOrder("order-basic.json", 7_000_000_011L) + ","
                + shopifyOrder("order-multiline-discount.json", 7_000_000_012L) + "]}";

        ResponseEntity<JsonNode> response = post("/api/channels/shopify/orders", page);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody().path("orderIds")).hasSize(2);
        JsonNode list = get("/api/orders?channel=shopify&size=200").getBody();
        assertThat(list.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(list.path("items").findValuesAsText("channelOrderId")).contains("7000000011", "7000000012");
    }

    @Test
    void anEmptyPageIsAcceptedWithNoOrders() {
        ResponseEntity<JsonNode> response = post("/api/channels/shopify/orders", "{\"orders\": []}");

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody().path("orderIds").isArray()).isTrue();
        assertThat(response.getBody().path("orderIds")).isEmpty();
    }

    @Test
    void malformedJsonIsRefusedWithWhereAndKept() {
        String broken = "{\"id\": 7000000021,\n \"name\": }";
        long ordersBefore = get("/api/orders?size=1").getBody().path("total").asLong();

        ResponseEntity<JsonNode> response = post("/api/channels/shopify/orders", broken);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("error").asText()).startsWith("malformed JSON at line 2, column");
        String errorId = response.getBody().path("errorId").asText();
        JsonNode kept = get("/api/errors/" + errorId).getBody();
        assertThat(kept.path("rawPayload").asText()).isEqualTo(broken);
        assertThat(kept.path("channel").asText()).isEqualTo("shopify");
        assertThat(kept.path("stage").asText()).isEqualTo("parse");
        assertThat(kept.path("replayState").asText()).isEqualTo("OPEN");
        assertThat(get("/api/orders?size=1").getBody().path("total").asLong()).isEqualTo(ordersBefore);
    }

    @Test
    void anOrderWithoutShipToCountryIsRefusedNamingTheField() {
        String noCountry = shopifyOrder("order-basic.json", 7_000_000_031L)
                .replace("\"country_code\": \"US\"", "\"country_code\": null");

        ResponseEntity<JsonNode> response = post("/api/channels/shopify/orders", noCountry);

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().path("error").asText()).contains("$.shipTo.countryCode");
        assertThat(get("/api/orders/lookup?channel=shopify&channelOrderId=7000000031").getStatusCode().value())
                .isEqualTo(404);

        // replaying it unchanged fails again and keeps the same entry open
        String errorId = response.getBody().path("errorId").asText();
        ResponseEntity<JsonNode> replay = post("/api/errors/" + errorId + "/replay", "");
        assertThat(replay.getStatusCode().value()).isEqualTo(422);
        assertThat(replay.getBody().path("errorId").asText()).isEqualTo(errorId);
        JsonNode entry = get("/api/errors/" + errorId).getBody();
        assertThat(entry.path("replayState").asText()).isEqualTo("OPEN");
        assertThat(entry.path("replayCount").asInt()).isEqualTo(1);
    }

    @Test
    void aKeptPayloadIsReplayedOnceTheCauseIsFixed() {
        // as if a mapping bug had refused a valid order: the raw payload is what the error store kept
        String raw = shopifyOrder("order-multiline-discount.json", 7_000_000_041L);
        String errorId = errors.record("shopify", ACCOUNT, "poll", "map", "mapping failed: (since fixed)", raw);

        ResponseEntity<JsonNode> replay = post("/api/errors/" + errorId + "/replay", "");

        assertThat(replay.getStatusCode().value()).isEqualTo(202);
        String orderId = OrderIds.orderId("shopify", ACCOUNT, "7000000041");
        assertThat(replay.getBody().path("orderIds").get(0).asText()).isEqualTo(orderId);
        assertThat(order(orderId).path("totals").path("grandTotal").decimalValue()).isEqualByComparingTo("115.64");
        assertThat(order(orderId).path("history").get(0).path("source").asText()).isEqualTo("shopify/replay");
        assertThat(get("/api/errors/" + errorId).getBody().path("replayState").asText()).isEqualTo("REPLAYED");
        assertThat(post("/api/errors/" + errorId + "/replay", "").getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void anOversizePayloadIsRefusedAndRecorded() {
        String huge = "{\"id\": 7000000051, \"note\": \"" + "x".repeat(MAX_PAYLOAD) + "\"}";

        ResponseEntity<JsonNode> response = post("/api/channels/shopify/orders", huge);

        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getBody().path("error").asText())
                .isEqualTo("payload of " + huge.length() + " bytes is larger than hub.ingest.max-payload-bytes=" + MAX_PAYLOAD);
        JsonNode kept = get("/api/errors/" + response.getBody().path("errorId").asText()).getBody();
        assertThat(kept.path("rawPayload").asText()).startsWith("{\"id\": 7000000051");
    }

    @Test
    void statusUpdatesFollowTheLifecycleAndRefusalsAreExplained() {
        String unpaid = shopifyOrder("order-basic.json", 7_000_000_061L)
                .replace("\"financial_status\": \"paid\"", "\"financial_status\": \"pending\"");
        String orderId = post("/api/channels/shopify/orders", unpaid).getBody().path("orderIds").get(0).asText();
        assertThat(order(orderId).path("status").asText()).isEqualTo("NEW");

        ResponseEntity<JsonNode> refused = post("/api/orders/" + orderId + "/status",
                "{\"status\":\"DELIVERED\",\"source\":\"carrier\"}");
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().path("error").asText()).startsWith("NEW -> DELIVERED is not allowed");
        assertThat(refused.getBody().path("errorId").asText()).isNotBlank();

        ResponseEntity<JsonNode> canceled = post("/api/orders/" + orderId + "/status",
                "{\"status\":\"CANCELED\",\"source\":\"operator\",\"detail\":\"customer called\"}");
        assertThat(canceled.getStatusCode().value()).isEqualTo(200);
        assertThat(canceled.getBody().path("outcome").asText()).isEqualTo("TRANSITIONED");
        assertThat(canceled.getBody().path("revision").asInt()).isEqualTo(2);

        JsonNode history = order(orderId).path("history");
        assertThat(history).hasSize(3);
        assertThat(history.get(1).path("accepted").asBoolean()).isFalse();
        assertThat(history.get(1).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(history.get(2).path("detail").asText()).isEqualTo("customer called");

        assertThat(post("/api/orders/" + orderId + "/status", "{\"status\":\"CONFIRMED\"}").getStatusCode().value())
                .isEqualTo(409);
        assertThat(post("/api/orders/" + orderId + "/status", "{\"status\":\"LOST\"}").getBody().path("error").asText())
                .startsWith("unknown status 'LOST'");
        assertThat(post("/api/orders/shopify-0000000000000000/status", "{\"status\":\"PICKING\"}")
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void unknownChannelsAndOrdersAreNotFound() {
        ResponseEntity<JsonNode> channel = post("/api/channels/nope/orders", "{}");
        assertThat(channel.getStatusCode().value()).isEqualTo(404);
        assertThat(channel.getBody().path("error").asText()).isEqualTo("unknown channel 'nope'");
        assertThat(get("/api/orders/shopify-0000000000000000").getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/orders?status=LOST").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theApiNeedsALoginAndReadingNeedsAPerson() {
        assertThat(rest.getForEntity("/api/orders", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth("hub", "wrong").getForEntity("/api/orders", String.class).getStatusCode().value())
                .isEqualTo(401);
        // the integration login posts orders, status and tracking; it reads nothing (AccessControlTest has the rest)
        assertThat(api().getForEntity("/api/orders", String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(ops().getForEntity("/api/orders", String.class).getStatusCode().value()).isEqualTo(200);
    }
}
