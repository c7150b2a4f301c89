package io.orderhub.canonical;

import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** mappings/pos/to-canonical.jsonata on the shared POS events, field by field. */
class PosMappingTest extends MappingTestSupport {

    private static final String STORE = "IST-KADIKOY-01";

    @Test
    void singleLineSale() {
        CanonicalOrder order = map("pos", STORE, sample("pos", "order-event.json"));

        assertThat(order.channelOrderId()).isEqualTo("IST01-R2-20250306-000981");
        assertThat(order.currency()).isEqualTo("TRY");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.shipTo().city()).isEqualTo("İstanbul");
        assertThat(order.shipTo().countryCode()).isEqualTo("TR");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(tuple("TR-CAY-SET6", 1));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("249.90"));
    }

    @Test
    void multilineSaleWithAnOrderDiscountAndShipping() {
        CanonicalOrder order = map("pos", STORE, sample("pos", "order-event-multiline.json"));

        assertThat(order.channelOrderId()).isEqualTo("IST01-R2-20250306-000994");
        assertThat(order.orderNumber()).isEqualTo("000994");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-06T13:20:40.002Z"));
        assertThat(order.customer().phone()).isEqualTo("+905053334455");
        assertThat(order.shipTo().city()).isEqualTo("Ankara");
        assertThat(order.shipTo().region()).isEqualTo("Çankaya");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("TR-CAY-SET6", 3), tuple("TR-KHV-250", 2));
        assertThat(order.lines().get(0).discount()).isEqualTo(new BigDecimal("111.89")); // 74.97 + 36.92 allocated
        assertThat(order.lines().get(0).total()).isEqualTo(new BigDecimal("637.81"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("124.97"));
        assertThat(order.totals().shipping()).isEqualTo(new BigDecimal("29.90"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("148.93"));
        assertThat(order.totals().taxIncluded()).isTrue();
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("893.63"));
        assertThat(order.payment().method()).isEqualTo("CARD");
    }

    @Test
    void eventTypesMapOntoTheLifecycle() {
        String sale = sample("pos", "order-event.json");
        assertThat(map("pos", STORE, sale.replace("pos.order.created", "pos.order.voided")).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(map("pos", STORE, sale.replace("pos.order.created", "pos.order.returned")).status())
                .isEqualTo(OrderStatus.RETURN_COMPLETED);
        assertThat(map("pos", STORE, sale.replace("SHIP_TO_CUSTOMER", "CARRY_OUT")).status()).isEqualTo(OrderStatus.DELIVERED);
    }
}
