package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.lifecycle.OrderStatus;

import java.time.Instant;
import java.util.List;

/**
 * The one order shape every channel and EDI partner is mapped to (README, "The canonical order", and
 * src/main/resources/schema/canonical-order.schema.json).
 * Money is {@link java.math.BigDecimal}, time is UTC {@link Instant}. {@code history} is filled from
 * the lifecycle table when an order is read back; mappings never set it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalOrder(
        String orderId,
        String channel,
        String account,
        String channelOrderId,
        String orderNumber,
        Instant placedAt,
        Instant updatedAt,
        String currency,
        OrderStatus status,
        Customer customer,
        Address shipTo,
        Address billTo,
        List<OrderLine> lines,
        Totals totals,
        Payment payment,
        String shippingMethod,
        Instant requestedDeliveryAt,
        Fulfillment fulfillment,
        List<HistoryEntry> history) {

    public CanonicalOrder withIdentity(String newOrderId) {
        return new CanonicalOrder(newOrderId, channel, account, channelOrderId, orderNumber, placedAt, updatedAt,
                currency, status, customer, shipTo, billTo, lines, totals, payment, shippingMethod, requestedDeliveryAt,
                fulfillment, history);
    }

    public CanonicalOrder withState(OrderStatus newStatus, Fulfillment newFulfillment, List<HistoryEntry> newHistory) {
        return new CanonicalOrder(orderId, channel, account, channelOrderId, orderNumber, placedAt, updatedAt,
                currency, newStatus, customer, shipTo, billTo, lines, totals, payment, shippingMethod, requestedDeliveryAt,
                newFulfillment, newHistory);
    }

    public CanonicalOrder withMoney(List<OrderLine> newLines, Totals newTotals) {
        return new CanonicalOrder(orderId, channel, account, channelOrderId, orderNumber, placedAt, updatedAt,
                currency, status, customer, shipTo, billTo, newLines, newTotals, payment, shippingMethod, requestedDeliveryAt,
                fulfillment, history);
    }

    public CanonicalOrder withLines(List<OrderLine> newLines) {
        return new CanonicalOrder(orderId, channel, account, channelOrderId, orderNumber, placedAt, updatedAt,
                currency, status, customer, shipTo, billTo, newLines, totals, payment, shippingMethod, requestedDeliveryAt,
                fulfillment, history);
    }

    public CanonicalOrder withParties(Customer newCustomer, Address newShipTo, Address newBillTo) {
        return new CanonicalOrder(orderId, channel, account, channelOrderId, orderNumber, placedAt, updatedAt,
                currency, status, newCustomer, newShipTo, newBillTo, lines, totals, payment, shippingMethod,
                requestedDeliveryAt, fulfillment, history);
    }

    /** The fulfillment, never null (an order stored before anything was allocated has none). */
    public Fulfillment fulfillmentOrNone() {
        return fulfillment == null ? Fulfillment.NONE : fulfillment;
    }
}
