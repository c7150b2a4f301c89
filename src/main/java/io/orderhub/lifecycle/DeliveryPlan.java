package io.orderhub.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a change to an order sends where. Every accepted change is an event; the warehouse gets the order when
 * it becomes CONFIRMED, and again when its content changes while the warehouse has not started on it.
 */
public class DeliveryPlan {

    private final Set<Destination> enabled;

    public DeliveryPlan(Set<Destination> enabled) {
        this.enabled = Set.copyOf(enabled);
    }

    public List<Destination> forChange(OrderStatus before, OrderStatus after, boolean contentChanged) {
        List<Destination> out = new ArrayList<>();
        boolean becameConfirmed = after == OrderStatus.CONFIRMED && before != OrderStatus.CONFIRMED;
        boolean amendedBeforePicking = after == OrderStatus.CONFIRMED && before == OrderStatus.CONFIRMED && contentChanged;
        if (enabled.contains(Destination.WMS) && (becameConfirmed || amendedBeforePicking)) {
            out.add(Destination.WMS);
        }
        if (enabled.contains(Destination.EVENTS)) {
            out.add(Destination.EVENTS);
        }
        return out;
    }
}
