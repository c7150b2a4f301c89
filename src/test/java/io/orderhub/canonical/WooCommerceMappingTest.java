package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** mappings/woocommerce/to-canonical.jsonata on the shared samples, field by field. */
class WooCommerceMappingTest extends MappingTestSupport {

    private static final String ACCOUNT = "shop.example.com";

    @Test
    void basicOrder() {
        CanonicalOrder order = map(sample("order-basic.json"));

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("woocommerce", ACCOUNT, "4811"));
        assertThat(order.channelOrderId()).isEqualTo("4811");
        assertThat(order.orderNumber()).isEqualTo("4811");
        // date_created_gmt has no offset and is UTC; date_created (site-local 10:21:07) is not used
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-04T18:21:07Z"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.customer().name()).isEqualTo("Dana Whitfield");
        assertThat(order.customer().email()).isEqualTo("dana.whitfield@example.com");
        assertThat(order.customer().phone()).isEqualTo("(503) 555-0142");
        assertThat(order.shipTo().city()).isEqualTo("Portland");
        assertThat(order.shipTo().line2()).isEqualTo("Apt 3B");
        assertThat(order.shipTo().company()).isNull(); // "" in Woo
        assertThat(order.shipTo().countryCode()).isEqualTo("US");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(tuple("MUG-CER-12-BLU", 1));
        assertThat(order.lines().get(0).unitPrice()).isEqualByComparingTo("18.00");
        assertThat(order.totals().shipping()).isEqualByComparingTo("5.95");
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("23.95"));
        assertThat(order.payment().status()).isEqualTo("paid");
        assertThat(order.payment().method()).isEqualTo("Credit Card (Stripe)");
    }

    @Test
    void multilineOrderWithACouponAndTaxOnTop() {
        CanonicalOrder order = map(sample("order-multiline-discount.json"));

        assertThat(order.channelOrderId()).isEqualTo("4812");
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2025-03-05T21:44:59Z"));
        assertThat(order.shipTo().city()).isEqualTo("Albany");
        assertThat(order.shipTo().region()).isEqualTo("NY");
        assertThat(order.shipTo().company()).isEqualTo("Okafor Design LLC");
        assertThat(order.shipTo().phone()).isNull(); // empty on both addresses
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(
                tuple("MUG-CER-12-BLU", 2), tuple("TEA-SENCHA-100", 3), tuple("KET-GLS-1L", 1));
        OrderLine mugs = order.lines().get(0);
        assertThat(mugs.unitPrice()).isEqualByComparingTo("18.00"); // subtotal / qty, not Woo's post-coupon "price"
        assertThat(mugs.discount()).isEqualTo(new BigDecimal("2.74"));
        assertThat(mugs.tax()).isEqualTo(new BigDecimal("2.66"));
        assertThat(mugs.total()).isEqualTo(new BigDecimal("33.26"));
        assertThat(order.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("9.50"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("106.50"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("8.10"));
        assertThat(order.lines().stream().map(OrderLine::discount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(order.totals().discount());
        assertThat(order.totals().shipping()).isEqualTo(new BigDecimal("5.95"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("8.35"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("112.70"));
        assertThat(order.shippingMethod()).isEqualTo("Flat rate");
    }

    @Test
    void wooStatusesMapOntoTheLifecycle() {
        String order = sample("order-basic.json");
        assertThat(withStatus(order, "pending")).isEqualTo(OrderStatus.NEW);
        assertThat(withStatus(order, "on-hold")).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(withStatus(order, "completed")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(withStatus(order, "cancelled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(withStatus(order, "failed")).isEqualTo(OrderStatus.CANCELED);
        assertThat(withStatus(order, "refunded")).isEqualTo(OrderStatus.CANCELED); // never completed
        String completedThenRefunded = order.replace("\"date_completed_gmt\": null", "\"date_completed_gmt\": \"2025-03-06T10:00:00\"");
        assertThat(withStatus(completedThenRefunded, "refunded")).isEqualTo(OrderStatus.RETURN_COMPLETED);
    }

    @Test
    void turkishAddressesKeepTheirLettersAndStateCodes() {
        String turkish = sample("order-basic.json")
                .replace("\"city\": \"Portland\"", "\"city\": \"İstanbul\"")
                .replace("\"state\": \"OR\"", "\"state\": \"TR34\"")
                .replace("\"country\": \"US\"", "\"country\": \"TR\"")
                .replace("\"last_name\": \"Whitfield\"", "\"last_name\": \"Çağlayan\"");
        CanonicalOrder order = map(turkish);
        assertThat(order.shipTo().city()).isEqualTo("İstanbul");
        assertThat(order.shipTo().region()).isEqualTo("TR34");
        assertThat(order.shipTo().countryCode()).isEqualTo("TR");
        assertThat(order.shipTo().name()).isEqualTo("Dana Çağlayan");
    }

    @Test
    void aMissingShippingAddressIsNamedInTheError() {
        String noCountry = sample("order-basic.json").replace("\"country\": \"US\"", "\"country\": \"\"");
        assertThatThrownBy(() -> map(noCountry))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("$.shipTo.countryCode");
    }

    private OrderStatus withStatus(String order, String wooStatus) {
        return map(order.replace("\"status\": \"processing\"", "\"status\": \"" + wooStatus + "\"")).status();
    }

    private CanonicalOrder map(String nativeOrder) {
        return map("woocommerce", ACCOUNT, nativeOrder);
    }

    private static String sample(String name) {
        return sample("woocommerce", name);
    }
}
