package io.orderhub.store;

import java.util.List;
import java.util.UUID;

/** Anything that scheduled deliveries the fan-out route must publish. */
public interface Deliveries {

    List<DeliveryRef> deliveries();

    /**
     * What the fan-out adds to each key for the broker's duplicate id: nothing on the first publish (a publish
     * repeated by a crash-retry is dropped by the broker), a fresh tag on a republish (the sweep, an operator's
     * retry), which the broker's duplicate cache must not drop; the ledger decides what was already delivered.
     */
    default String republishTag() {
        return "";
    }

    /** Deliveries published again: {@code republish} gives each a fresh broker duplicate id. */
    record Batch(List<DeliveryRef> deliveries, boolean republish) implements Deliveries {

        public Batch(List<DeliveryRef> deliveries) {
            this(deliveries, false);
        }

        @Override
        public String republishTag() {
            return republish ? ":r-" + UUID.randomUUID() : "";
        }
    }
}
