package io.orderhub.lifecycle;

/** Lifecycle states (README, "Lifecycle"). The allowed moves between them live in {@link Lifecycle}. */
public enum OrderStatus {
    NEW,
    CONFIRMED,
    PICKING,
    PACKED,
    SHIPPED,
    DELIVERED,
    ON_HOLD,
    BACKORDERED,
    CANCELED,
    RETURN_PENDING,
    RETURN_COMPLETED;

    /** The warehouse has the order and has not shipped it: it waits for its parcels to leave. */
    public boolean isAtWarehouse() {
        return this == CONFIRMED || this == PICKING || this == PACKED;
    }

    public boolean isTerminal() {
        return this == CANCELED || this == RETURN_COMPLETED;
    }
}
