package io.orderhub.lifecycle;

/** A request to move an order: from the WMS, a carrier, a channel or an operator. */
public record StatusUpdate(OrderStatus status, String source, String detail, String trackingNumber, String carrier) {
}
