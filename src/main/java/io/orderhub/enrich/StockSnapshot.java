package io.orderhub.enrich;

import java.util.List;

/**
 * A warehouse's stock as its WMS reports it ({@code POST /api/stock} or a file in the stock inbox).
 * {@code full} (the default) means every SKU the warehouse has is listed.
 */
public record StockSnapshot(String warehouse, Boolean complete, List<Item> items) {

    public StockSnapshot {
        if (warehouse == null || warehouse.isBlank()) {
            throw new IllegalArgumentException("warehouse is required");
        }
        items = items == null ? List.of() : List.copyOf(items);
        for (Item item : items) {
            if (item.sku() == null || item.sku().isBlank() || item.onHand() < 0) {
                throw new IllegalArgumentException("every item needs a sku and an onHand of 0 or more: " + item);
            }
        }
    }

    public boolean full() {
        return complete == null || complete;
    }

    public record Item(String sku, int onHand) {
    }
}
