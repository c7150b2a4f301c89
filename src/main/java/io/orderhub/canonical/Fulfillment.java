package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fulfillment(String warehouse, String carrier, String service, List<String> trackingNumbers) {

    public static final Fulfillment NONE = new Fulfillment(null, null, null, List.of());

    public Fulfillment {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    /** A copy with the tracking number and carrier added, when given; the same numbers are not added twice. */
    public Fulfillment withTracking(String trackingNumber, String newCarrier) {
        List<String> numbers = new ArrayList<>(trackingNumbers);
        if (trackingNumber != null && !trackingNumber.isBlank() && !numbers.contains(trackingNumber)) {
            numbers.add(trackingNumber);
        }
        return new Fulfillment(warehouse, newCarrier != null ? newCarrier : carrier, service, numbers);
    }
}
