package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** mappings/trendyol/to-canonical.jsonata on every shared Trendyol sample, field by field. */
class TrendyolMappingTest extends MappingTestSupport {

    private static final String SELLER = "871234";

    @Test
    void singleLinePackage() {
        CanonicalOrder order = packages("shipment-packages.json").get(0);

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("trendyol", SELLER, "3380112201"));
        assertThat(order.channelOrderId()).isEqualTo("3380112201");
        assertThat(order.orderNumber()).isEqualTo("10871234501");
        // the first package history entry (GMT), not orderDate (documented as GMT+3)
        assertThat(order.placedAt()).isEqualTo(Instant.ofEpochMilli(1741252563000L));
        assertThat(order.currency()).isEqualTo("TRY");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.customer().name()).isEqualTo("Ayşe Kılıç");
        assertThat(order.shipTo().city()).isEqualTo("İstanbul");
        assertThat(order.shipTo().region()).isEqualTo("Kadıköy");
        assertThat(order.shipTo().line1()).isEqualTo("Rasimpaşa Mah. Rıhtım Cad. No:12 D:4");
        assertThat(order.shipTo().line2()).isEqualTo("Rasimpaşa Mahallesi");
        assertThat(order.shipTo().countryCode()).isEqualTo("TR");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(tuple("TR-CAY-SET6", 1));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("249.90"));
        assertThat(order.totals().taxIncluded()).isTrue();
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("41.65")); // 20% VAT inside 249.90
        assertThat(order.shippingMethod()).isEqualTo("Trendyol Express Marketplace");
    }

    @Test
    void multilinePackageWithPerUnitSellerDiscounts() {
        CanonicalOrder order = packages("shipment-packages.json").get(1);

        assertThat(order.channelOrderId()).isEqualTo("3380112202");
        assertThat(order.orderNumber()).isEqualTo("10871234502");
        assertThat(order.shipTo().city()).isEqualTo("Ankara");
        assertThat(order.shipTo().region()).isEqualTo("Çankaya");
        assertThat(order.shipTo().name()).isEqualTo("Mehmet Yılmaz");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("TR-CAY-SET6", 3), tuple("TR-KHV-250", 2));
        OrderLine tea = order.lines().get(0);
        assertThat(tea.unitPrice()).isEqualTo(new BigDecimal("249.90"));
        assertThat(tea.discount()).isEqualTo(new BigDecimal("74.97")); // 3 x 24.99 from discountDetails
        assertThat(tea.total()).isEqualTo(new BigDecimal("674.73"));
        assertThat(tea.channelSku()).isEqualTo("8690000000101");
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("988.70"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("74.97"));
        assertThat(order.totals().shipping()).isEqualTo(new BigDecimal("0.00"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("913.73"));
        assertThat(order.lines().stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(order.totals().grandTotal());
    }

    @Test
    void theOlderFieldNamesGiveTheSameOrder() {
        CanonicalOrder legacy = packages("shipment-packages-legacy-fields.json").get(0);
        CanonicalOrder current = packages("shipment-packages.json").get(0);

        assertThat(legacy.orderId()).isEqualTo(current.orderId());
        assertThat(legacy.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::quantity, OrderLine::total)
                .containsExactly(tuple("5100220001", "TR-CAY-SET6", 1, new BigDecimal("249.90")));
        assertThat(legacy.totals().grandTotal()).isEqualTo(current.totals().grandTotal());
        assertThat(legacy.shipTo()).isEqualTo(current.shipTo());
    }

    @Test
    void theStreamEnvelopeCarriesTheSamePackages() {
        List<String> stream = orders(sample("trendyol", "shipment-packages-stream.json"), "content", "");
        assertThat(stream).isNotEmpty();
        assertThat(map("trendyol", SELLER, stream.get(0)).channelOrderId()).isEqualTo("3380112201");
    }

    @Test
    void packageStatusesMapOntoTheLifecycle() {
        String pkg = orders(sample("trendyol", "shipment-packages.json"), "content", "").get(0);
        for (String[] pair : new String[][]{{"Awaiting", "NEW"}, {"Picking", "PICKING"}, {"Invoiced", "PACKED"},
                {"Shipped", "SHIPPED"}, {"AtCollectionPoint", "SHIPPED"}, {"Delivered", "DELIVERED"},
                {"UnDelivered", "RETURN_PENDING"}, {"Returned", "RETURN_COMPLETED"}, {"Cancelled", "CANCELED"},
                {"UnSupplied", "CANCELED"}}) {
            String changed = pkg.replace("\"shipmentPackageStatus\":\"Created\"", "\"shipmentPackageStatus\":\"" + pair[0] + "\"");
            assertThat(map("trendyol", SELLER, changed).status()).as(pair[0]).isEqualTo(OrderStatus.valueOf(pair[1]));
        }
    }

    private List<CanonicalOrder> packages(String file) {
        return orders(sample("trendyol", file), "content", "").stream().map(o -> map("trendyol", SELLER, o)).toList();
    }
}
