package io.orderhub.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a change to an order sends where:
 * <ul>
 *   <li>every accepted change is an event;</li>
 *   <li>the warehouse gets the order when it becomes CONFIRMED, again when its content changes while the
 *   warehouse has not started on it, and a cancellation when it is canceled before it shipped; never an order the
 *   channel ships itself (Amazon FBA);</li>
 *   <li>the carrier gets the shipment (label request) when the order becomes CONFIRMED, like the warehouse, a
 *   void of its label when the warehouse gets a cancellation, and a return label request when a return is
 *   opened;</li>
 *   <li>the channel the order came from hears that it SHIPPED or was CANCELED, when the hub made that change (a
 *   change the channel reported is not told back to it), and when the channel has a write-back;</li>
 *   <li>an EDI trading partner gets its documents: the acknowledgement (855) when its order is CONFIRMED, says its
 *   lines are backordered when it is BACKORDERED and rejected when the hub cancels it, and the ship notice and
 *   invoice (856, 810) when it SHIPPED;</li>
 *   <li>the ERP gets the sales order when it becomes CONFIRMED, and an update when it SHIPPED, is CANCELED or its
 *   return is completed.</li>
 * </ul>
 */
public class DeliveryPlan {

    /** Orders from EDI trading partners: they get documents back (855 on CONFIRMED, 856 and 810 on SHIPPED). */
    public static final String EDI_CHANNEL = "edi";
    /** What the ERP hears of: the sale (also one Amazon ships itself), and what changes the books. */
    private static final Set<OrderStatus> ERP_STEPS = Set.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED,
            OrderStatus.CANCELED, OrderStatus.RETURN_COMPLETED);

    private final Set<Destination> enabled;
    private final Set<String> writeBackChannels;

    public DeliveryPlan(Set<Destination> enabled, Set<String> writeBackChannels) {
        this.enabled = Set.copyOf(enabled);
        this.writeBackChannels = Set.copyOf(writeBackChannels);
    }

    public List<Destination> forChange(Change change) {
        List<Destination> out = new ArrayList<>();
        OrderStatus before = change.before();
        OrderStatus after = change.after();
        boolean becameConfirmed = after == OrderStatus.CONFIRMED && before != OrderStatus.CONFIRMED;
        boolean amendedBeforePicking = after == OrderStatus.CONFIRMED && before == OrderStatus.CONFIRMED
                && change.contentChanged();
        // canceled, or shipped by the channel itself, while the warehouse had it and had not shipped it: the
        // warehouse must stop (mappings/wms/: "cancel")
        boolean atWarehouse = before != null && before.isAtWarehouse();
        boolean stopAtWarehouse = atWarehouse && (after == OrderStatus.CANCELED
                || (change.fromChannel() && Lifecycle.leftBeforeShipping(before, after)));
        if (enabled.contains(Destination.WMS) && !change.shippedByChannel()
                && (becameConfirmed || amendedBeforePicking || stopAtWarehouse)) {
            out.add(Destination.WMS);
        }
        // the carrier: the shipment when the order becomes CONFIRMED, a void of its label when it stops before it
        // shipped (the route finds whether there is a label), a return label when a return is opened (the route
        // finds whether the carrier that shipped it offers one)
        boolean returnOpened = after == OrderStatus.RETURN_PENDING && before != OrderStatus.RETURN_PENDING;
        if (enabled.contains(Destination.CARRIER) && !change.shippedByChannel()
                && (becameConfirmed || stopAtWarehouse || returnOpened)) {
            out.add(Destination.CARRIER);
        }
        boolean toldToChannel = (after == OrderStatus.SHIPPED || after == OrderStatus.CANCELED) && before != after;
        if (enabled.contains(Destination.CHANNEL) && toldToChannel && !change.fromChannel()
                && !change.shippedByChannel() && writeBackChannels.contains(change.channel())) {
            out.add(Destination.CHANNEL);
        }
        if (enabled.contains(Destination.EDI) && EDI_CHANNEL.equals(change.channel()) && before != after
                && (after == OrderStatus.CONFIRMED || after == OrderStatus.SHIPPED || after == OrderStatus.BACKORDERED
                || (after == OrderStatus.CANCELED && !change.fromChannel()))) {
            out.add(Destination.EDI);
        }
        // a sale first seen canceled was never one; one first seen delivered (or delivered without a shipped step
        // in the hub) is booked as the shipment it was
        boolean erpStep = ERP_STEPS.contains(after) && !(after == OrderStatus.CANCELED && before == null)
                || after == OrderStatus.DELIVERED && before != OrderStatus.SHIPPED;
        if (enabled.contains(Destination.ERP) && before != after && erpStep) {
            out.add(Destination.ERP);
        }
        if (enabled.contains(Destination.EVENTS)) {
            out.add(Destination.EVENTS);
        }
        return out;
    }

    /**
     * One change to an order.
     *
     * @param fromChannel      the order's own channel reported it (a poll, a webhook), rather than the warehouse,
     *                         a carrier or an operator
     * @param shippedByChannel the channel fulfils the order itself (Amazon FBA)
     */
    public record Change(String channel, OrderStatus before, OrderStatus after, boolean contentChanged,
                         boolean fromChannel, boolean shippedByChannel) {
    }
}
