package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** mappings/ebay/to-canonical.jsonata on the shared getOrders page, field by field. */
class EbayMappingTest extends MappingTestSupport {

    private static final String SELLER = "demo_atelier";

    @Test
    void basicOrder() {
        CanonicalOrder order = orders().get(0);

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("ebay", SELLER, "14-12807-55431"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.shipTo().city()).isEqualTo("Portland");
        assertThat(order.shipTo().countryCode()).isEqualTo("US");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(tuple("MUG-CER-12-BLU", 1));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("25.86"));
    }

    @Test
    void multilineOrderWithAPromotionAndCollectAndRemitTax() {
        CanonicalOrder order = orders().get(1);

        assertThat(order.channelOrderId()).isEqualTo("14-12807-55502");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-06T21:40:00Z"));
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2025-03-06T21:44:12Z"));
        assertThat(order.customer().name()).isEqualTo("Marcus Okafor");
        assertThat(order.shipTo().city()).isEqualTo("Albany");
        assertThat(order.shipTo().region()).isEqualTo("NY");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("MUG-CER-12-BLU", 2), tuple("TEA-SENCHA-100", 3), tuple("KET-GLS-1L", 1));
        OrderLine mugs = order.lines().get(0);
        assertThat(mugs.unitPrice()).isEqualTo(new BigDecimal("18.00"));
        assertThat(mugs.discount()).isEqualTo(new BigDecimal("3.60"));
        assertThat(mugs.tax()).isEqualTo(new BigDecimal("2.88"));
        assertThat(mugs.total()).isEqualTo(new BigDecimal("32.40"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("106.50"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("3.60")); // eBay's -3.60
        assertThat(order.totals().shipping()).isEqualTo(new BigDecimal("8.50"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("8.52"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("119.92"));
        assertThat(order.shippingMethod()).isEqualTo("USPSPriority");
    }

    @Test
    void cancellationAndFulfilmentStatesMapOntoTheLifecycle() {
        String order = orders(sample("ebay", "getOrders.json"), "orders", "").get(0);
        assertThat(map("ebay", SELLER, order.replace("\"NONE_REQUESTED\"", "\"CANCELED\"")).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(map("ebay", SELLER, order.replace("\"NONE_REQUESTED\"", "\"CANCEL_REQUESTED\"")).status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(map("ebay", SELLER, order.replace("\"orderFulfillmentStatus\":\"NOT_STARTED\"",
                "\"orderFulfillmentStatus\":\"FULFILLED\"")).status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(map("ebay", SELLER, order.replace("\"orderFulfillmentStatus\":\"NOT_STARTED\"",
                "\"orderFulfillmentStatus\":\"IN_PROGRESS\"")).status()).isEqualTo(OrderStatus.PICKING);
    }

    private List<CanonicalOrder> orders() {
        return orders(sample("ebay", "getOrders.json"), "orders", "").stream().map(o -> map("ebay", SELLER, o)).toList();
    }
}
