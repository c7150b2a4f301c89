package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mappings/shopify/to-canonical.jsonata run by camel-jsonata, exactly as the ingest route runs it. */
class ShopifyMappingTest extends MappingTestSupport {

    @Test
    void basicOrder() {
        CanonicalOrder order = map(sample("order-basic.json"));

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("shopify", "demo-atelier.myshopify.com", "5820114403001"));
        assertThat(order.channel()).isEqualTo("shopify");
        assertThat(order.account()).isEqualTo("demo-atelier.myshopify.com");
        assertThat(order.channelOrderId()).isEqualTo("5820114403001");
        assertThat(order.orderNumber()).isEqualTo("#1041");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-04T18:21:07Z")); // 10:21:07-08:00
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.customer().name()).isEqualTo("Dana Whitfield");
        assertThat(order.customer().email()).isEqualTo("dana.whitfield@example.com");
        assertThat(order.customer().phone()).isEqualTo("+15035550142");
        assertThat(order.shipTo().city()).isEqualTo("Portland");
        assertThat(order.shipTo().countryCode()).isEqualTo("US");
        assertThat(order.lines()).hasSize(1);
        assertThat(order.lines().get(0).sku()).isEqualTo("MUG-CER-12-BLU");
        assertThat(order.lines().get(0).quantity()).isEqualTo(1);
        assertThat(order.lines().get(0).unitPrice()).isEqualByComparingTo("18.00");
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("23.95"));
        assertThat(order.payment().status()).isEqualTo("paid");
    }

    @Test
    void multilineOrderWithAllocatedDiscounts() {
        CanonicalOrder order = map(sample("order-multiline-discount.json"));

        assertThat(order.orderNumber()).isEqualTo("#1042");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-05T21:44:51Z")); // 16:44:51-05:00
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2025-03-05T21:44:55Z"));
        assertThat(order.shipTo().city()).isEqualTo("Albany");
        assertThat(order.shipTo().region()).isEqualTo("NY");
        assertThat(order.shipTo().company()).isEqualTo("Okafor Design LLC");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("MUG-CER-12-BLU", 2),
                org.assertj.core.groups.Tuple.tuple("TEA-SENCHA-100", 3),
                org.assertj.core.groups.Tuple.tuple("KET-GLS-1L", 1));
        // discount_allocations, not total_discount: 3.60 + 1.57 on the mugs
        OrderLine mugs = order.lines().get(0);
        assertThat(mugs.discount()).isEqualTo(new BigDecimal("5.17"));
        assertThat(mugs.tax()).isEqualTo(new BigDecimal("2.47"));
        assertThat(mugs.total()).isEqualTo(new BigDecimal("30.83"));
        assertThat(order.lines().get(1).discount()).isEqualTo(new BigDecimal("1.38"));
        assertThat(order.lines().get(2).total()).isEqualTo(new BigDecimal("39.95"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("106.50"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("8.60"));
        assertThat(order.totals().shipping()).isEqualTo(new BigDecimal("9.90"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("7.84"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("115.64"));
        // the line discounts add up to the order's discount: nothing lost to floating point
        assertThat(order.lines().stream().map(OrderLine::discount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(order.totals().discount());
        assertThat(order.shippingMethod()).isEqualTo("UPS Ground");
    }

    @Test
    void channelStatesMapOntoTheLifecycle() {
        String paid = sample("order-basic.json");
        assertThat(map(paid.replace("\"financial_status\": \"paid\"", "\"financial_status\": \"pending\"")).status())
                .isEqualTo(OrderStatus.NEW);
        assertThat(map(paid.replace("\"cancelled_at\": null", "\"cancelled_at\": \"2025-03-05T10:00:00-08:00\"")).status())
                .isEqualTo(OrderStatus.CANCELED);
        assertThat(map(paid.replace("\"fulfillment_status\": null", "\"fulfillment_status\": \"fulfilled\"")).status())
                .isEqualTo(OrderStatus.SHIPPED);
        assertThat(map(paid.replace("\"fulfillment_status\": null", "\"fulfillment_status\": \"partial\"")).status())
                .isEqualTo(OrderStatus.PICKING);
    }

    @Test
    void aMissingCountryIsNamedInTheError() {
        String noCountry = sample("order-basic.json").replace("\"country_code\": \"US\"", "\"country_code\": null");
        assertThatThrownBy(() -> map(noCountry))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("$.shipTo.countryCode")
                .extracting(e -> ((InvalidOrderException) e).kind()).isEqualTo(InvalidOrderException.Kind.SCHEMA);
    }

    @Test
    void aLineWithoutSkuIsNamedInTheError() {
        String noSku = sample("order-basic.json").replace("\"sku\": \"MUG-CER-12-BLU\"", "\"sku\": null");
        assertThatThrownBy(() -> map(noSku))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("$.lines[0].sku");
    }

    private CanonicalOrder map(String nativeOrder) {
        return map("shopify", "demo-atelier.myshopify.com", nativeOrder);
    }

    static String sample(String name) {
        return sample("shopify", name);
    }
}
