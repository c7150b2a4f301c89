package io.orderhub.lifecycle;

/** Lifecycle states of DESIGN.md. The allowed moves between them live in {@link Lifecycle}. */
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

    public boolean isTerminal() {
        return this == CANCELED || this == RETURN_COMPLETED;
    }
}
