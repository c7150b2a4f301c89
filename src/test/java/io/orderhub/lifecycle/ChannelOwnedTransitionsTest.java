package io.orderhub.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.orderhub.lifecycle.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cell of the README's "Who owns which transition" table for the channel column: what an order's own channel
 * may report, from every state the hub may hold, written out here independently of Lifecycle's tables. (The
 * warehouse, carrier and operator column is the state machine itself, whose every cell LifecycleTest checks.)
 */
class ChannelOwnedTransitionsTest {

    /** from>to the channel's word moves the order; every other pair is refused (or unchanged when from == to). */
    private static final Set<String> CHANNEL_MAY = Set.of(
            // what the buyer did, through the state machine
            "NEW>CONFIRMED", "NEW>ON_HOLD", "NEW>BACKORDERED", "NEW>CANCELED",
            "CONFIRMED>PICKING", "CONFIRMED>ON_HOLD", "CONFIRMED>BACKORDERED", "CONFIRMED>CANCELED",
            "PICKING>PACKED", "PICKING>ON_HOLD", "PICKING>BACKORDERED", "PICKING>CANCELED",
            "PACKED>ON_HOLD", "PACKED>CANCELED",
            "ON_HOLD>NEW", "ON_HOLD>CONFIRMED", "ON_HOLD>BACKORDERED", "ON_HOLD>CANCELED",
            "BACKORDERED>CONFIRMED", "BACKORDERED>ON_HOLD", "BACKORDERED>CANCELED",
            // shipped by the merchant or the marketplace's carrier, whatever the hub had
            "NEW>SHIPPED", "CONFIRMED>SHIPPED", "PICKING>SHIPPED", "PACKED>SHIPPED", "ON_HOLD>SHIPPED",
            "BACKORDERED>SHIPPED",
            "NEW>DELIVERED", "CONFIRMED>DELIVERED", "PICKING>DELIVERED", "PACKED>DELIVERED", "ON_HOLD>DELIVERED",
            "BACKORDERED>DELIVERED", "SHIPPED>DELIVERED",
            // the buyer sent it back, the channel refunded it
            "SHIPPED>RETURN_PENDING", "DELIVERED>RETURN_PENDING",
            "SHIPPED>RETURN_COMPLETED", "DELIVERED>RETURN_COMPLETED", "RETURN_PENDING>RETURN_COMPLETED");

    @Test
    void everyCellOfTheChannelColumn() {
        int cells = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                Lifecycle.Decision decision = Lifecycle.decideForChannel(from, to);
                String cell = from + ">" + to;
                if (from == to) {
                    assertThat(decision.kind()).as(cell).isEqualTo(Lifecycle.Decision.Kind.UNCHANGED);
                } else if (CHANNEL_MAY.contains(cell)) {
                    assertThat(decision.allowed()).as(cell).isTrue();
                } else {
                    assertThat(decision.refused()).as(cell).isTrue();
                    assertThat(decision.reason()).as(cell).contains(from.name()).contains(to.name());
                }
                cells++;
            }
        }
        assertThat(cells).isEqualTo(121);
    }

    @Test
    void anOrderLeavesTheWarehouseOnlyWhenItGoesPastShippingFromBeforeIt() {
        assertThat(Lifecycle.leftBeforeShipping(CONFIRMED, SHIPPED)).isTrue();
        assertThat(Lifecycle.leftBeforeShipping(BACKORDERED, DELIVERED)).isTrue();
        assertThat(Lifecycle.leftBeforeShipping(PACKED, RETURN_COMPLETED)).isTrue();
        assertThat(Lifecycle.leftBeforeShipping(CONFIRMED, CANCELED)).isFalse();
        assertThat(Lifecycle.leftBeforeShipping(SHIPPED, DELIVERED)).isFalse();
        assertThat(Lifecycle.leftBeforeShipping(null, SHIPPED)).isFalse();
    }
}
