package io.orderhub.canonical;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.pipeline.NativeOrders;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * mappings/amazon/to-canonical.jsonata on every shared getOrders page, each order with its getOrderItems rows
 * attached as the amazon-orders-source Kamelet attaches them.
 */
class AmazonMappingTest extends MappingTestSupport {

    private static final String SELLER = "A2SANDBOXSELLER";
    private final NativeOrders nativeOrders = new NativeOrders(new ObjectMapper(), Integer.MAX_VALUE, 64, 65536);

    @Test
    void usOrderWithShippingAndNoTax() {
        CanonicalOrder order = map("amazon", SELLER, withItems("getOrders-page1.json", 0));

        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("amazon", SELLER, "113-4829301-5561022"));
        assertThat(order.orderNumber()).isEqualTo("113-4829301-5561022");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-06T17:22:41Z"));
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2025-03-06T17:54:10Z"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.customer().name()).isEqualTo("Dana Whitfield");
        assertThat(order.customer().email()).isEqualTo("x7k2m9q4p1r8s5t@marketplace.amazon.com");
        assertThat(order.shipTo().name()).isEqualTo("Dana Whitfield");
        assertThat(order.shipTo().line1()).isEqualTo("418 Alder Street");
        assertThat(order.shipTo().line2()).isEqualTo("Apt 3B");
        assertThat(order.shipTo().city()).isEqualTo("PORTLAND");
        assertThat(order.shipTo().region()).isEqualTo("OR");
        assertThat(order.shipTo().postalCode()).isEqualTo("97205-1234");
        assertThat(order.shipTo().countryCode()).isEqualTo("US");
        assertThat(order.shipTo().phone()).isEqualTo("+1 503-555-0142 ext. 41822");
        assertThat(order.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::channelSku, OrderLine::quantity)
                .containsExactly(tuple("50412398712042", "MUG-CER-12-BLU", "B0CXMUG12B", 1));
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("18.00"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("18.00"));
        assertThat(order.totals().shipping()).isEqualTo(new BigDecimal("4.99"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("0.00"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("22.99"));
        assertThat(order.totals().taxIncluded()).isFalse();
        assertThat(order.payment().method()).isEqualTo("Other");
        assertThat(order.shippingMethod()).isEqualTo("Std US D2D Dom");
        assertThat(order.fulfillment()).isNull();
    }

    @Test
    void usOrderWithAPromotionAndSalesTaxOnTop() {
        CanonicalOrder order = map("amazon", SELLER, withItems("getOrders-page1.json", 1));

        assertThat(order.channelOrderId()).isEqualTo("113-7760418-2093847");
        assertThat(order.shipTo().line2()).isNull();
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("MUG-CER-12-BLU", 2), tuple("TEA-SENCHA-100", 3));
        OrderLine mugs = order.lines().get(0);
        assertThat(mugs.unitPrice()).isEqualTo(new BigDecimal("18.00")); // ItemPrice is the line price: 36.00 / 2
        assertThat(mugs.discount()).isEqualTo(new BigDecimal("3.60"));
        assertThat(mugs.tax()).isEqualTo(new BigDecimal("2.88"));
        assertThat(mugs.total()).isEqualTo(new BigDecimal("32.40"));
        assertThat(order.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("9.50"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("64.50"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("3.60"));
        assertThat(order.totals().tax()).isEqualTo(new BigDecimal("5.41"));
        // 64.50 - 3.60 + 0 shipping + 5.41 tax on top
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("66.31"));
        assertThat(order.totals().taxIncluded()).isFalse();
    }

    @Test
    void shippedOrderOfTheLastPage() {
        CanonicalOrder order = map("amazon", SELLER, withItems("getOrders-page2.json", 0));

        assertThat(order.channelOrderId()).isEqualTo("113-1029384-7564738");
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.shipTo().city()).isEqualTo("SEATTLE");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity).containsExactly(tuple("KET-GLS-1L", 1));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("42.00"));
    }

    @Test
    void withoutARestrictedDataTokenThereIsNoShipToButTheOrderIsKept() {
        CanonicalOrder order = map("amazon", SELLER, withItems("getOrders-page1.no-rdt.json", 0));

        assertThat(order.channelOrderId()).isEqualTo("113-4829301-5561022");
        assertThat(order.shipTo()).isNull();
        assertThat(order.customer().name()).isNull();
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("22.99"));
    }

    @Test
    void europeanPricesHoldTheVatAndItIsNotAddedAgain() {
        // The same order on amazon.de: ItemTax is the 19% VAT share inside ItemPrice and the promotion's
        // VAT share comes off it.
        String order = withItems("getOrders-page1.json", 1)
                .replace("ATVPDKIKX0DER", "A1PA6795UKMFR9").replace("USD", "EUR")
                .replace("\"Amount\":\"2.88\"", "\"Amount\":\"5.75\"")
                .replace("\"Amount\":\"2.53\"", "\"Amount\":\"4.55\"")
                .replace("\"Amount\":\"66.31\"", "\"Amount\":\"60.90\"")
                .replaceFirst("(\"PromotionDiscountTax\":\\{\"CurrencyCode\":\"EUR\",\"Amount\":\")0.00", "$10.57");
        CanonicalOrder mapped = map("amazon", SELLER, order);

        assertThat(mapped.currency()).isEqualTo("EUR");
        assertThat(mapped.totals().taxIncluded()).isTrue();
        assertThat(mapped.lines().get(0).tax()).isEqualTo(new BigDecimal("5.18")); // 5.75 - 0.57
        assertThat(mapped.lines().get(0).total()).isEqualTo(new BigDecimal("32.40"));
        assertThat(mapped.totals().tax()).isEqualTo(new BigDecimal("9.73")); // 5.75 + 4.55 - 0.57
        // 64.50 - 3.60: the VAT is inside, not on top
        assertThat(mapped.totals().grandTotal()).isEqualTo(new BigDecimal("60.90"));
    }

    @Test
    void amazonStatesMapOntoTheLifecycleAndFbaOrdersAreMarkedAsShippedByAmazon() {
        String order = withItems("getOrders-page1.json", 0);
        assertThat(status(order, "Pending")).isEqualTo(OrderStatus.NEW);
        assertThat(status(order, "PendingAvailability")).isEqualTo(OrderStatus.NEW);
        assertThat(status(order, "PartiallyShipped")).isEqualTo(OrderStatus.PICKING);
        assertThat(status(order, "Canceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(status(order, "Unfulfillable")).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(status(order, "InvoiceUnconfirmed")).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(map("amazon", SELLER, order.replace("\"Unshipped\"", "\"Pending\"")).payment().status()).isEqualTo("pending");

        CanonicalOrder fba = map("amazon", SELLER, order.replace("\"MFN\"", "\"AFN\""));
        assertThat(fba.fulfillment().warehouse()).isEqualTo("amazon-fba");
    }

    private OrderStatus status(String order, String amazonStatus) {
        return map("amazon", SELLER, order.replace("\"Unshipped\"", "\"" + amazonStatus + "\"")).status();
    }

    /** The n-th order of a getOrders page with its getOrderItems rows attached. */
    private String withItems(String page, int n) {
        String order = orders(sample("amazon", page), "payload.Orders", "").get(n);
        String id = order.replaceAll("(?s).*\"AmazonOrderId\":\"([0-9-]+)\".*", "$1");
        try {
            return nativeOrders.attach(order, "OrderItems", sample("amazon", "getOrderItems-" + id + ".json"),
                    "payload.OrderItems");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
