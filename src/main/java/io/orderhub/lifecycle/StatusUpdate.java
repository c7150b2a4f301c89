package io.orderhub.lifecycle;

import java.util.List;

/**
 * A request to move an order: from the WMS, a carrier, a channel or an operator. A warehouse that ships part of
 * a split order names itself ({@code warehouse}); {@code lines} are what it shipped of each line, when it shipped
 * less than ordered.
 */
public record StatusUpdate(OrderStatus status, String source, String detail, String trackingNumber, String carrier,
                           String warehouse, List<ShippedLine> lines) {

    public StatusUpdate {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public StatusUpdate(OrderStatus status, String source, String detail, String trackingNumber, String carrier) {
        this(status, source, detail, trackingNumber, carrier, null, List.of());
    }

    public record ShippedLine(String lineId, int quantity) {
    }
}
