package io.orderhub.store;

import java.util.List;

/** Anything that scheduled deliveries the fan-out route must publish. */
public interface Deliveries {

    List<DeliveryRef> deliveries();

    record Batch(List<DeliveryRef> deliveries) implements Deliveries {
    }
}
