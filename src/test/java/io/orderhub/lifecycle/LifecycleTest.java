package io.orderhub.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.Set;

import static io.orderhub.lifecycle.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    /** Every move the README's "Lifecycle" section allows, written out here independently of Lifecycle's own table. */
    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @CsvSource({
            "NEW, CONFIRMED", "NEW, ON_HOLD", "NEW, BACKORDERED", "NEW, CANCELED",
            "CONFIRMED, PICKING", "CONFIRMED, ON_HOLD", "CONFIRMED, BACKORDERED", "CONFIRMED, CANCELED",
            "PICKING, PACKED", "PICKING, SHIPPED", "PICKING, ON_HOLD", "PICKING, BACKORDERED", "PICKING, CANCELED",
            "PACKED, SHIPPED", "PACKED, ON_HOLD", "PACKED, CANCELED",
            "SHIPPED, DELIVERED", "SHIPPED, RETURN_PENDING",
            "DELIVERED, RETURN_PENDING",
            "ON_HOLD, NEW", "ON_HOLD, CONFIRMED", "ON_HOLD, BACKORDERED", "ON_HOLD, CANCELED",
            "BACKORDERED, CONFIRMED", "BACKORDERED, ON_HOLD", "BACKORDERED, CANCELED",
            "RETURN_PENDING, RETURN_COMPLETED"})
    void allowedTransitions(OrderStatus from, OrderStatus to) {
        Lifecycle.Decision decision = Lifecycle.decide(from, to);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isNull();
    }

    @Test
    void everythingElseIsRefusedWithAReason() {
        Set<String> allowed = Set.of("NEW>CONFIRMED", "NEW>ON_HOLD", "NEW>BACKORDERED", "NEW>CANCELED",
                "CONFIRMED>PICKING", "CONFIRMED>ON_HOLD", "CONFIRMED>BACKORDERED", "CONFIRMED>CANCELED",
                "PICKING>PACKED", "PICKING>SHIPPED", "PICKING>ON_HOLD", "PICKING>BACKORDERED", "PICKING>CANCELED",
                "PACKED>SHIPPED", "PACKED>ON_HOLD", "PACKED>CANCELED", "SHIPPED>DELIVERED", "SHIPPED>RETURN_PENDING",
                "DELIVERED>RETURN_PENDING", "ON_HOLD>NEW", "ON_HOLD>CONFIRMED", "ON_HOLD>BACKORDERED",
                "ON_HOLD>CANCELED", "BACKORDERED>CONFIRMED", "BACKORDERED>ON_HOLD", "BACKORDERED>CANCELED",
                "RETURN_PENDING>RETURN_COMPLETED");
        int refused = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (from == to || allowed.contains(from + ">" + to)) {
                    continue;
                }
                Lifecycle.Decision decision = Lifecycle.decide(from, to);
                assertThat(decision.refused()).as(from + " -> " + to).isTrue();
                assertThat(decision.reason()).as(from + " -> " + to).contains(from.name()).contains(to.name());
                refused++;
            }
        }
        assertThat(refused).isEqualTo(11 * 10 - allowed.size());
    }

    @Test
    void cancelIsPossibleOnlyBeforeShipping() {
        for (OrderStatus from : EnumSet.of(NEW, CONFIRMED, PICKING, PACKED, ON_HOLD, BACKORDERED)) {
            assertThat(Lifecycle.decide(from, CANCELED).allowed()).as(from.name()).isTrue();
        }
        Lifecycle.Decision afterShipping = Lifecycle.decide(SHIPPED, CANCELED);
        assertThat(afterShipping.refused()).isTrue();
        assertThat(afterShipping.reason()).isEqualTo("SHIPPED -> CANCELED is not allowed: an order cannot be canceled once SHIPPED; start a return instead");
    }

    @Test
    void finalStatesGoNowhere() {
        assertThat(Lifecycle.decide(CANCELED, CONFIRMED).reason()).isEqualTo("CANCELED -> CONFIRMED is not allowed: CANCELED is final");
        assertThat(Lifecycle.decide(RETURN_COMPLETED, SHIPPED).refused()).isTrue();
        assertThat(Lifecycle.allowedFrom(CANCELED)).isEmpty();
    }

    @Test
    void theSameStatusAgainIsNotATransition() {
        for (OrderStatus status : OrderStatus.values()) {
            Lifecycle.Decision decision = Lifecycle.decide(status, status);
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.refused()).isFalse();
        }
    }

    @Test
    void deliveryPlanSendsTheWarehouseOnlyConfirmedOrders() {
        DeliveryPlan plan = new DeliveryPlan(EnumSet.complementOf(EnumSet.of(Destination.ERP, Destination.CARRIER)), Set.of("shopify"));
        assertThat(plan.forChange(fromShopify(null, CONFIRMED, true))).containsExactly(Destination.WMS, Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(null, NEW, true))).containsExactly(Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(NEW, CONFIRMED, false))).containsExactly(Destination.WMS, Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(CONFIRMED, CONFIRMED, true))).containsExactly(Destination.WMS, Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(CONFIRMED, PICKING, false))).containsExactly(Destination.EVENTS);
        // canceled while at the warehouse, not yet shipped: the warehouse is told to stop; before it got it: not
        assertThat(plan.forChange(fromShopify(PICKING, CANCELED, true))).contains(Destination.WMS);
        assertThat(plan.forChange(fromShopify(CONFIRMED, CANCELED, true))).contains(Destination.WMS);
        assertThat(plan.forChange(fromShopify(NEW, CANCELED, true))).doesNotContain(Destination.WMS);
        assertThat(plan.forChange(fromShopify(ON_HOLD, CANCELED, true))).doesNotContain(Destination.WMS);
        assertThat(new DeliveryPlan(EnumSet.of(Destination.EVENTS), Set.of()).forChange(fromShopify(null, CONFIRMED, true)))
                .containsExactly(Destination.EVENTS);
        // the carrier gets the shipment once, when the order is confirmed, not when it is amended
        DeliveryPlan withCarrier = new DeliveryPlan(EnumSet.of(Destination.WMS, Destination.CARRIER), Set.of());
        assertThat(withCarrier.forChange(fromShopify(NEW, CONFIRMED, false)))
                .containsExactly(Destination.WMS, Destination.CARRIER);
        assertThat(withCarrier.forChange(fromShopify(CONFIRMED, CONFIRMED, true))).containsExactly(Destination.WMS);
        // Amazon FBA: Amazon ships it, the hub's warehouse never sees it
        assertThat(plan.forChange(new DeliveryPlan.Change("amazon", null, CONFIRMED, true, true, true)))
                .containsExactly(Destination.EVENTS);
    }

    @Test
    void theChannelHearsOfShipmentsAndCancellationsItDidNotReportItself() {
        DeliveryPlan plan = new DeliveryPlan(EnumSet.complementOf(EnumSet.of(Destination.ERP, Destination.CARRIER)), Set.of("shopify", "amazon"));
        assertThat(plan.forChange(byHub("shopify", PACKED, SHIPPED))).containsExactly(Destination.CHANNEL, Destination.EVENTS);
        assertThat(plan.forChange(byHub("shopify", CONFIRMED, CANCELED)))
                .containsExactly(Destination.WMS, Destination.CHANNEL, Destination.EVENTS);
        // the channel said so itself (it shipped the order: the warehouse that packed it is told to stop), or
        // nothing changed, or the change is not one a channel is told
        assertThat(plan.forChange(fromShopify(PACKED, SHIPPED, true))).containsExactly(Destination.WMS, Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(SHIPPED, DELIVERED, true))).containsExactly(Destination.EVENTS);
        assertThat(plan.forChange(byHub("shopify", SHIPPED, SHIPPED))).containsExactly(Destination.EVENTS);
        assertThat(plan.forChange(byHub("shopify", SHIPPED, DELIVERED))).containsExactly(Destination.EVENTS);
        // a channel without a write-back (POS), an order Amazon ships itself, write-back switched off
        assertThat(plan.forChange(byHub("pos", PACKED, SHIPPED))).containsExactly(Destination.EVENTS);
        assertThat(plan.forChange(new DeliveryPlan.Change("amazon", PACKED, SHIPPED, false, false, true)))
                .containsExactly(Destination.EVENTS);
        assertThat(new DeliveryPlan(EnumSet.of(Destination.WMS, Destination.EVENTS), Set.of("shopify"))
                .forChange(byHub("shopify", PACKED, SHIPPED))).containsExactly(Destination.EVENTS);
    }

    @Test
    void anEdiPartnerGetsItsDocumentsAtTheStepsTheyBelongTo() {
        DeliveryPlan plan = new DeliveryPlan(EnumSet.complementOf(EnumSet.of(Destination.ERP, Destination.CARRIER)), Set.of());
        // received CONFIRMED: the 855 (and the warehouse); shipped: 856 and 810; a cancellation the hub made: a rejecting 855
        assertThat(plan.forChange(new DeliveryPlan.Change("edi", null, CONFIRMED, true, true, false)))
                .containsExactly(Destination.WMS, Destination.EDI, Destination.EVENTS);
        assertThat(plan.forChange(byHub("edi", PACKED, SHIPPED))).containsExactly(Destination.EDI, Destination.EVENTS);
        assertThat(plan.forChange(byHub("edi", CONFIRMED, CANCELED)))
                .containsExactly(Destination.WMS, Destination.EDI, Destination.EVENTS);
        assertThat(plan.forChange(byHub("edi", CONFIRMED, BACKORDERED))).containsExactly(Destination.EDI, Destination.EVENTS);
        // the partner's own cancellation (850 with BEG01 01) is not answered with an 855 (the warehouse still stops);
        // other steps send nothing
        assertThat(plan.forChange(new DeliveryPlan.Change("edi", CONFIRMED, CANCELED, true, true, false)))
                .containsExactly(Destination.WMS, Destination.EVENTS);
        assertThat(plan.forChange(byHub("edi", CONFIRMED, PICKING))).containsExactly(Destination.EVENTS);
        assertThat(plan.forChange(byHub("shopify", PACKED, SHIPPED))).containsExactly(Destination.EVENTS);
    }

    @Test
    void theErpHearsOfTheSaleAndWhatChangesTheBooks() {
        DeliveryPlan plan = new DeliveryPlan(EnumSet.of(Destination.ERP, Destination.EVENTS), Set.of());
        assertThat(plan.forChange(fromShopify(null, CONFIRMED, true))).containsExactly(Destination.ERP, Destination.EVENTS);
        // an order Amazon ships itself is still a sale
        assertThat(plan.forChange(new DeliveryPlan.Change("amazon", null, CONFIRMED, true, true, true)))
                .containsExactly(Destination.ERP, Destination.EVENTS);
        assertThat(plan.forChange(byHub("shopify", PACKED, SHIPPED))).containsExactly(Destination.ERP, Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(CONFIRMED, CANCELED, true))).containsExactly(Destination.ERP, Destination.EVENTS);
        assertThat(plan.forChange(byHub("shopify", RETURN_PENDING, RETURN_COMPLETED)))
                .containsExactly(Destination.ERP, Destination.EVENTS);
        // steps that do not change the books, and an amendment without a status change
        assertThat(plan.forChange(byHub("shopify", CONFIRMED, PICKING))).containsExactly(Destination.EVENTS);
        assertThat(plan.forChange(fromShopify(CONFIRMED, CONFIRMED, true))).containsExactly(Destination.EVENTS);
    }

    private static DeliveryPlan.Change fromShopify(OrderStatus before, OrderStatus after, boolean contentChanged) {
        return new DeliveryPlan.Change("shopify", before, after, contentChanged, true, false);
    }

    private static DeliveryPlan.Change byHub(String channel, OrderStatus before, OrderStatus after) {
        return new DeliveryPlan.Change(channel, before, after, false, false, false);
    }
}
