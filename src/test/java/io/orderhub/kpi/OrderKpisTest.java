package io.orderhub.kpi;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Fulfillment;
import io.orderhub.canonical.OrderLine;
import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fulfilment rate's rules: what counts as confirmed, and as shipped complete and on time. */
class OrderKpisTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final OrderKpis kpis = new OrderKpis(meters, null, null, clock, Duration.ofHours(48),
            new ChannelSync(meters, null, clock));

    @Test
    void anOrderIsConfirmedOnceWhateverComesBefore() {
        kpis.orderChanged(order(OrderStatus.CONFIRMED, "nj", NOW, null, 1), null);
        kpis.orderChanged(order(OrderStatus.CONFIRMED, "nj", NOW, null, 1), OrderStatus.ON_HOLD);
        kpis.orderChanged(order(OrderStatus.CONFIRMED, "nj", NOW, null, 1), OrderStatus.CONFIRMED);
        kpis.orderChanged(order(OrderStatus.CONFIRMED, "nj", NOW, null, 1), OrderStatus.PICKING);

        assertThat(count("hub.order.fulfillment.confirmed", "warehouse", "nj")).isEqualTo(2);
    }

    @Test
    void shippedIsCompleteAndOnTimeOnlyWhenBothAreTrue() {
        Instant placed = NOW.minus(Duration.ofHours(10));
        kpis.orderChanged(order(OrderStatus.SHIPPED, "nj", placed, null, 1), OrderStatus.PACKED);
        kpis.orderChanged(order(OrderStatus.SHIPPED, "nj", NOW.minus(Duration.ofDays(3)), null, 1),
                OrderStatus.PACKED);
        kpis.orderChanged(order(OrderStatus.SHIPPED, "nj", placed, null, 0), OrderStatus.PICKING);
        // a B2B order's own date counts, not the default window
        kpis.orderChanged(order(OrderStatus.SHIPPED, "nj", NOW.minus(Duration.ofDays(5)), NOW.plusSeconds(60), 1),
                OrderStatus.CONFIRMED);

        assertThat(shipped("true", "true")).isEqualTo(2);
        assertThat(shipped("true", "false")).isEqualTo(1);
        assertThat(shipped("false", "true")).isEqualTo(1);
    }

    @Test
    void whatTheChannelShipsItselfOrReportsLateIsNotTheHubsFulfilment() {
        kpis.orderChanged(order(OrderStatus.SHIPPED, "nj", NOW, null, 1), OrderStatus.NEW);
        kpis.orderChanged(order(OrderStatus.SHIPPED, "amazon-fba", NOW, null, 1), OrderStatus.CONFIRMED);
        kpis.orderChanged(order(OrderStatus.SHIPPED, "nj", NOW, null, 1), OrderStatus.SHIPPED);

        assertThat(meters.find("hub.order.fulfillment.shipped").counters()).isEmpty();
    }

    @Test
    void aSplitOrderCountsForItsWarehousesTogether() {
        CanonicalOrder split = order(OrderStatus.CONFIRMED, null, NOW, null, 1);
        split = split.withLines(List.of(split.lines().get(0).withWarehouse("nj"),
                split.lines().get(0).withWarehouse("ams")));
        assertThat(OrderKpis.warehouse(split)).isEqualTo("split");
        assertThat(OrderKpis.warehouse(order(OrderStatus.NEW, null, NOW, null, 1))).isEqualTo("none");
    }

    private double shipped(String complete, String onTime) {
        return meters.find("hub.order.fulfillment.shipped").tags("complete", complete, "on_time", onTime).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    private double count(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static CanonicalOrder order(OrderStatus status, String warehouse, Instant placedAt, Instant requested,
                                        int shipped) {
        OrderLine line = new OrderLine("1", "MUG", "MUG", "Mug", 1, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.TEN).withShippedQuantity(status == OrderStatus.SHIPPED ? shipped : null);
        return new CanonicalOrder("o-1", "shopify", "shop", "1", "#1", placedAt, placedAt, "USD", status, null, null,
                null, List.of(line), null, null, "Standard", requested,
                new Fulfillment(warehouse, "UPS", "ground", List.of(), null), null);
    }
}
