package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** mappings/hepsiburada/to-canonical.jsonata on the shared page, whose rows are order lines grouped by orderNumber. */
class HepsiburadaMappingTest extends MappingTestSupport {

    private static final String MERCHANT = "3c9a0f52-7d41-4b8e-9e2a-6f1d2c3b4a50";

    @Test
    void threeRowsAreTwoOrders() {
        List<CanonicalOrder> orders = orders();
        assertThat(orders).extracting(CanonicalOrder::channelOrderId).containsExactly("4012345601", "4012345602");
    }

    @Test
    void singleLineOrderInTurkeyTime() {
        CanonicalOrder order = orders().get(0);

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("hepsiburada", MERCHANT, "4012345601"));
        assertThat(order.orderNumber()).isEqualTo("4012345601");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-06T09:14:22Z")); // 12:14:22 Turkey time
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2025-03-06T09:16:40Z"));
        assertThat(order.currency()).isEqualTo("TRY");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.customer().name()).isEqualTo("Ayşe Kılıç");
        assertThat(order.customer().phone()).isEqualTo("5321112233");
        assertThat(order.shipTo().city()).isEqualTo("İstanbul");
        assertThat(order.shipTo().region()).isEqualTo("Kadıköy"); // town = ilçe
        assertThat(order.shipTo().line2()).isEqualTo("Rasimpaşa"); // district = mahalle
        assertThat(order.shipTo().countryCode()).isEqualTo("TR");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::channelSku, OrderLine::quantity)
                .containsExactly(tuple("TR-CAY-SET6", "HBCV00000ABC01", 1));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("249.90"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("41.65"));
        assertThat(order.totals().taxIncluded()).isTrue();
        assertThat(order.shippingMethod()).isEqualTo("Hepsijet");
    }

    @Test
    void twoRowOrderWithAHepsiburadaFundedDiscount() {
        CanonicalOrder order = orders().get(1);

        assertThat(order.shipTo().city()).isEqualTo("Ankara");
        assertThat(order.shipTo().region()).isEqualTo("Çankaya");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("TR-CAY-SET6", 3), tuple("TR-KHV-250", 2));
        OrderLine tea = order.lines().get(0);
        assertThat(tea.unitPrice()).isEqualTo(new BigDecimal("249.90"));
        assertThat(tea.discount()).isEqualTo(new BigDecimal("75.00"));
        assertThat(tea.total()).isEqualTo(new BigDecimal("674.70"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("988.70"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("75.00"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("913.70"));
    }

    @Test
    void lineStatusesMapOntoTheLifecycle() {
        String page = sample("hepsiburada", "orders.json");
        for (String[] pair : new String[][]{{"Packaged", "PACKED"}, {"InTransit", "SHIPPED"}, {"Delivered", "DELIVERED"},
                {"Undelivered", "RETURN_PENDING"}, {"CancelledByCustomer", "CANCELED"}, {"Unpacked", "CONFIRMED"}}) {
            String changed = page.replace("\"status\": \"Open\"", "\"status\": \"" + pair[0] + "\"");
            String first = orders(changed, "items", "orderNumber").get(0);
            assertThat(map("hepsiburada", MERCHANT, first).status()).as(pair[0]).isEqualTo(OrderStatus.valueOf(pair[1]));
        }
    }

    private List<CanonicalOrder> orders() {
        return orders(sample("hepsiburada", "orders.json"), "items", "orderNumber").stream()
                .map(o -> map("hepsiburada", MERCHANT, o)).toList();
    }
}
