package io.orderhub.store;

import io.orderhub.canonical.CanonicalOrder;

import java.util.List;

/**
 * What the store asks, inside the transaction that changes an order, of the stock it reserves: allocation when an
 * order is confirmed, its release when it is canceled, its consumption when a warehouse ships.
 */
public interface FulfillmentPlanning {

    /** Nothing allocated, nothing reserved: the warehouse gets whole orders (hub.enrich.allocation=false). */
    FulfillmentPlanning NONE = new FulfillmentPlanning() {
        @Override
        public Planned confirm(CanonicalOrder order) {
            return new Planned(order, null);
        }

        @Override
        public void release(String orderId) {
        }

        @Override
        public Shipped ship(String orderId, String warehouse) {
            return new Shipped(false, List.of());
        }
    };

    /**
     * Allocates the order (releasing what it held before): the order with its lines' warehouses and its carrier,
     * or, when some line has no stock anywhere, the order unchanged with the reason it is backordered.
     */
    Planned confirm(CanonicalOrder order);

    void release(String orderId);

    /** The warehouse (null: every one) shipped its part; which warehouses still have to. */
    Shipped ship(String orderId, String warehouse);

    record Planned(CanonicalOrder order, String backorderReason) {
        public boolean backordered() {
            return backorderReason != null;
        }
    }

    record Shipped(boolean changed, List<String> remaining) {
    }
}
