package io.orderhub.store;

import io.orderhub.lifecycle.OrderStatus;

import java.util.List;

/** The outcome of a status update: moved, nothing to do (a repeat), or refused with the lifecycle's reason. */
public record TransitionResult(String orderId, Outcome outcome, OrderStatus status, int revision, String reason,
                               List<DeliveryRef> deliveries) implements Deliveries {

    public enum Outcome { TRANSITIONED, UNCHANGED, REFUSED }
}
