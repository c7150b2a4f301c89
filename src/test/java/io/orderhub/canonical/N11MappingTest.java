package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** mappings/n11/to-canonical.jsonata on the shared REST page, field by field. */
class N11MappingTest extends MappingTestSupport {

    private static final String SELLER = "demo-n11-store";

    @Test
    void singleLinePackage() {
        CanonicalOrder order = packages().get(0);

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("n11", SELLER, "209881001"));
        assertThat(order.orderNumber()).isEqualTo("205112233401");
        assertThat(order.currency()).isEqualTo("TRY");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.shipTo().city()).isEqualTo("İstanbul");
        assertThat(order.shipTo().countryCode()).isEqualTo("TR"); // not on the shipping address: from billing
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(tuple("TR-CAY-SET6", 1));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("249.90"));
        assertThat(order.totals().taxIncluded()).isTrue();
    }

    @Test
    void multilinePackageWithASellerDiscount() {
        CanonicalOrder order = packages().get(1);

        assertThat(order.channelOrderId()).isEqualTo("209881002");
        assertThat(order.orderNumber()).isEqualTo("205112233402");
        assertThat(order.placedAt()).isEqualTo(Instant.ofEpochMilli(1741279200000L));
        assertThat(order.customer().name()).isEqualTo("Mehmet Yılmaz"); // customerfullName
        assertThat(order.customer().phone()).isEqualTo("5053334455");
        assertThat(order.shipTo().city()).isEqualTo("Ankara");
        assertThat(order.shipTo().region()).isEqualTo("Çankaya");
        assertThat(order.shipTo().line2()).isEqualTo("Kocatepe");
        assertThat(order.shipTo().postalCode()).isEqualTo("06420");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity, OrderLine::total)
                .containsExactly(tuple("TR-CAY-SET6", 3, new BigDecimal("674.73")), tuple("TR-KHV-250", 2, new BigDecimal("239.00")));
        assertThat(order.lines().get(0).discount()).isEqualTo(new BigDecimal("74.97"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("988.70"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("74.97"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("913.73"));
        assertThat(order.shippingMethod()).isEqualTo("Yurtiçi Kargo");
    }

    @Test
    void packageStatusesMapOntoTheLifecycle() {
        String pkg = orders(sample("n11", "orders.json"), "content", "").get(0);
        for (String[] pair : new String[][]{{"Picking", "PICKING"}, {"Shipped", "SHIPPED"}, {"Delivered", "DELIVERED"},
                {"Cancelled", "CANCELED"}, {"UnSupplied", "CANCELED"}}) {
            String changed = pkg.replace("\"shipmentPackageStatus\":\"Created\"", "\"shipmentPackageStatus\":\"" + pair[0] + "\"");
            assertThat(map("n11", SELLER, changed).status()).as(pair[0]).isEqualTo(OrderStatus.valueOf(pair[1]));
        }
        String returned = pkg.replace("\"isReturned\":false", "\"isReturned\":true");
        assertThat(map("n11", SELLER, returned).status()).isEqualTo(OrderStatus.RETURN_PENDING);
    }

    private List<CanonicalOrder> packages() {
        return orders(sample("n11", "orders.json"), "content", "").stream().map(o -> map("n11", SELLER, o)).toList();
    }
}
