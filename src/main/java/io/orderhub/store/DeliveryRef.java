package io.orderhub.store;

import io.orderhub.lifecycle.Destination;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One scheduled delivery; {@code key} = {orderId}:{destination}:{revision}:{nonce}, what receivers dedupe on. The
 * random nonce keeps keys unique across a database restore, after which revision numbers repeat for new content.
 */
public record DeliveryRef(String key, String orderId, Destination destination, int revision) {

    public static DeliveryRef schedule(String orderId, Destination destination, int revision) {
        String nonce = Long.toString(ThreadLocalRandom.current().nextLong() >>> 16, 36);
        return new DeliveryRef(orderId + ":" + destination.key() + ":" + revision + ":" + nonce, orderId,
                destination, revision);
    }

    public String queueName() {
        return destination.queueName();
    }
}
