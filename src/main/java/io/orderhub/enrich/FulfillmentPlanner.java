package io.orderhub.enrich;

import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.OrderLine;
import io.orderhub.store.FulfillmentPlanning;

import java.util.List;
import java.util.Map;

/** Allocation and carrier choice when an order is confirmed, as the store asks for them (see {@link Allocator}). */
public class FulfillmentPlanner implements FulfillmentPlanning {

    private final Allocator allocator;
    private final CarrierRules carriers;

    public FulfillmentPlanner(Allocator allocator, CarrierRules carriers) {
        this.allocator = allocator;
        this.carriers = carriers;
    }

    @Override
    public Planned confirm(CanonicalOrder order) {
        Allocator.Result result = allocator.allocate(order);
        if (result.backorderReason() != null) {
            List<OrderLine> unallocated = order.lines().stream().map(l -> l.withWarehouse(null)).toList();
            return new Planned(order.withLines(unallocated), result.backorderReason());
        }
        Map<String, String> warehouses = result.warehouses();
        CanonicalOrder allocated = order.withLines(order.lines().stream()
                .map(l -> l.withWarehouse(warehouses.get(l.lineId()))).toList());
        List<String> distinct = warehouses.values().stream().distinct().toList();
        CarrierRules.Choice carrier = carriers.choose(allocated);
        return new Planned(allocated.withState(allocated.status(), allocated.fulfillmentOrNone()
                .withWarehouse(distinct.size() == 1 ? distinct.get(0) : null)
                .withCarrier(carrier.carrier(), carrier.service()), allocated.history()), null);
    }

    @Override
    public void release(String orderId) {
        allocator.release(orderId);
    }

    @Override
    public Shipped ship(String orderId, String warehouse) {
        return allocator.ship(orderId, warehouse);
    }
}
