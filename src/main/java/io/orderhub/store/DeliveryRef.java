package io.orderhub.store;

import io.orderhub.lifecycle.Destination;

/** One scheduled delivery; {@code key} = {orderId}:{destination}:{revision}, what receivers dedupe on. */
public record DeliveryRef(String key, String orderId, Destination destination, int revision) {

    public static DeliveryRef of(String orderId, Destination destination, int revision) {
        return new DeliveryRef(orderId + ":" + destination.key() + ":" + revision, orderId, destination, revision);
    }

    public String queueName() {
        return destination.queueName();
    }
}
