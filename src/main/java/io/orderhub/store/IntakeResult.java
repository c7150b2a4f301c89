package io.orderhub.store;

import io.orderhub.lifecycle.OrderStatus;

import java.util.List;

/** What the store made of one incoming order. */
public record IntakeResult(String orderId, Outcome outcome, OrderStatus status, int revision, String note,
                           List<DeliveryRef> deliveries) implements Deliveries {

    public enum Outcome {
        /** first time seen */
        CREATED,
        /** a newer version of a known order */
        UPDATED,
        /** the same content again: nothing changed */
        DUPLICATE,
        /** an older version than the one stored: nothing changed */
        STALE
    }
}
