package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.OrderIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every polled channel through its real connector over HTTP against its simulator: a burst larger than a page
 * (page size 3 in tests) with a 429 in the middle all arrives, once, from the poll, and the channel's cursor is
 * stored.
 */
class ChannelPollingTest extends HubTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"woocommerce", "trendyol", "hepsiburada", "n11", "ebay", "amazon"})
    void aBurstAcrossPagesWithA429InTheMiddleArrivesWhole(String name) {
        Channel channel = channel(name);
        int faultsBefore = channel.simulator().faults().faultsAnswered();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ObjectNode order = channel.simulator().placeOrder();
            orderIds.add(OrderIds.orderId(name, channel.account(), channel.channelOrderId().apply(order)));
            if (i == 3) {
                channel.simulator().faults().throttleNext(1);
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).as(orderId).isEqualTo(200);
            }
        });
        assertThat(channel.simulator().faults().faultsAnswered()).isEqualTo(faultsBefore + 1);
        for (String orderId : orderIds) {
            assertThat(order(orderId).path("channel").asText()).isEqualTo(name);
            assertThat(order(orderId).path("history").get(0).path("source").asText()).isEqualTo(name + "/poll");
        }
        assertThat(cursors.get(name, name.equals("n11") ? channel.account() + "/Created" : channel.account())).isPresent();
    }

    @Test
    void amazonOrdersArriveWithEveryItemPageAndTheBuyersAddressAndTheCursorIsWhereAmazonSaidTheWalkEnded() {
        amazon.itemsPageSize(1); // the two-line order needs two getOrderItems pages
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orderIds.add(OrderIds.orderId("amazon", "A2SANDBOXSELLER", amazon.placeOrder().get("AmazonOrderId").asText()));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String orderId : orderIds) {
                    assertThat(get("/api/orders/" + orderId).getStatusCode().value()).as(orderId).isEqualTo(200);
                }
            });
        } finally {
            amazon.itemsPageSize(100);
        }
        for (String orderId : orderIds) {
            JsonNode order = order(orderId);
            // every line, whatever page of getOrderItems it came on, and the totals Amazon charged
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode line : order.path("lines")) {
                lines = lines.add(line.path("total").decimalValue());
            }
            assertThat(order.path("lines").size()).isIn(1, 2);
            assertThat(lines.add(order.path("totals").path("shipping").decimalValue())
                    .add(order.path("totals").path("tax").decimalValue()))
                    .isEqualByComparingTo(order.path("totals").path("grandTotal").decimalValue());
            // the Restricted Data Token brought the name and street
            assertThat(order.path("shipTo").path("line1").asText()).isNotBlank();
            assertThat(order.path("shipTo").path("name").asText()).isNotBlank();
        }
        assertThat(orderIds.stream().map(id -> order(id).path("lines").size())).contains(2);
        Instant cursor = Instant.parse(cursors.get("amazon", "A2SANDBOXSELLER").orElseThrow());
        assertThat(cursor).isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aRevokedEbayTokenIsReplacedAndATokenNearItsExpiryIsRefreshedBeforeUse() {
        int issued = ebay.tokensIssued();
        ebay.tokenLifetimeSeconds(301); // inside the five-minute margin a second after it is issued
        ebay.revokeTokens(); // the hub's current token is refused once, forgotten, and replaced
        String orderId = OrderIds.orderId("ebay", "demo_atelier", ebay.placeOrder().get("orderId").asText());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/orders/" + orderId).getStatusCode().value()).isEqualTo(200));
        // the short-lived replacement is itself replaced before it runs out, without another refusal
        await().atMost(Duration.ofSeconds(10)).until(() -> ebay.tokensIssued() >= issued + 2);
        ebay.tokenLifetimeSeconds(7200);
    }
}
