package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where and how an order ships: the warehouse (null while unallocated or when its lines ship from several, see the
 * lines), the carrier and service the carrier rules chose, its tracking numbers and the carrier's label reference;
 * and, once a return was opened, the return label the carrier made (its reference and tracking number).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fulfillment(String warehouse, String carrier, String service, List<String> trackingNumbers,
                          String labelRef, String returnLabelRef, String returnTrackingNumber) {

    public static final Fulfillment NONE = new Fulfillment(null, null, null, List.of(), null);
    /** Warehouses a channel runs itself: what is stored there the channel ships, never the hub's warehouse. */
    public static final Set<String> CHANNEL_WAREHOUSES = Set.of("amazon-fba");

    public Fulfillment {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    public Fulfillment(String warehouse, String carrier, String service, List<String> trackingNumbers,
                       String labelRef) {
        this(warehouse, carrier, service, trackingNumbers, labelRef, null, null);
    }

    public boolean shippedByChannel() {
        return warehouse != null && CHANNEL_WAREHOUSES.contains(warehouse);
    }

    /** A copy with the tracking number and carrier added, when given; the same numbers are not added twice. */
    public Fulfillment withTracking(String trackingNumber, String newCarrier) {
        List<String> numbers = new ArrayList<>(trackingNumbers);
        if (trackingNumber != null && !trackingNumber.isBlank() && !numbers.contains(trackingNumber)) {
            numbers.add(trackingNumber);
        }
        return new Fulfillment(warehouse, newCarrier != null ? newCarrier : carrier, service, numbers, labelRef,
                returnLabelRef, returnTrackingNumber);
    }

    public Fulfillment withWarehouse(String newWarehouse) {
        return new Fulfillment(newWarehouse, carrier, service, trackingNumbers, labelRef, returnLabelRef,
                returnTrackingNumber);
    }

    public Fulfillment withCarrier(String newCarrier, String newService) {
        return new Fulfillment(warehouse, newCarrier, newService, trackingNumbers, labelRef, returnLabelRef,
                returnTrackingNumber);
    }

    public Fulfillment withLabel(String newLabelRef) {
        return new Fulfillment(warehouse, carrier, service, trackingNumbers, newLabelRef, returnLabelRef,
                returnTrackingNumber);
    }

    public Fulfillment withReturnLabel(String newReturnLabelRef, String newReturnTrackingNumber) {
        return new Fulfillment(warehouse, carrier, service, trackingNumbers, labelRef, newReturnLabelRef,
                newReturnTrackingNumber);
    }
}
