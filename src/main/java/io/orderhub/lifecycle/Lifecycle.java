package io.orderhub.lifecycle;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.orderhub.lifecycle.OrderStatus.*;

/**
 * The order state machine, in one place. Everything that moves an order (ingest updates, WMS and carrier
 * status, operators) asks {@link #decide} first; the store records a refused move with the reason returned here.
 */
public final class Lifecycle {

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = new EnumMap<>(OrderStatus.class);

    static {
        ALLOWED.put(NEW, EnumSet.of(CONFIRMED, ON_HOLD, BACKORDERED, CANCELED));
        ALLOWED.put(CONFIRMED, EnumSet.of(PICKING, ON_HOLD, BACKORDERED, CANCELED));
        // A WMS may report shipped without a separate packed step.
        ALLOWED.put(PICKING, EnumSet.of(PACKED, SHIPPED, ON_HOLD, BACKORDERED, CANCELED));
        ALLOWED.put(PACKED, EnumSet.of(SHIPPED, ON_HOLD, CANCELED));
        ALLOWED.put(SHIPPED, EnumSet.of(DELIVERED, RETURN_PENDING));
        ALLOWED.put(DELIVERED, EnumSet.of(RETURN_PENDING));
        // Released by an operator or a later update: back to where the order can go on from.
        ALLOWED.put(ON_HOLD, EnumSet.of(NEW, CONFIRMED, BACKORDERED, CANCELED));
        ALLOWED.put(BACKORDERED, EnumSet.of(CONFIRMED, ON_HOLD, CANCELED));
        ALLOWED.put(RETURN_PENDING, EnumSet.of(RETURN_COMPLETED));
        ALLOWED.put(CANCELED, EnumSet.noneOf(OrderStatus.class));
        ALLOWED.put(RETURN_COMPLETED, EnumSet.noneOf(OrderStatus.class));
    }

    /**
     * What a channel reports of its own (README "Who owns which transition"): the buyer canceled, the merchant or
     * the marketplace's carrier shipped or delivered it, the buyer returned it. The channel's word counts from
     * these states, whatever the hub had; everything else a channel says goes through the table above.
     */
    private static final Map<OrderStatus, Set<OrderStatus>> CHANNEL_FACTS = new EnumMap<>(OrderStatus.class);

    static {
        Set<OrderStatus> beforeShipping = EnumSet.of(NEW, CONFIRMED, PICKING, PACKED, ON_HOLD, BACKORDERED);
        CHANNEL_FACTS.put(SHIPPED, beforeShipping);
        Set<OrderStatus> beforeDelivery = EnumSet.copyOf(beforeShipping);
        beforeDelivery.add(SHIPPED);
        CHANNEL_FACTS.put(DELIVERED, beforeDelivery);
        CHANNEL_FACTS.put(RETURN_PENDING, EnumSet.of(SHIPPED, DELIVERED));
        CHANNEL_FACTS.put(RETURN_COMPLETED, EnumSet.of(SHIPPED, DELIVERED, RETURN_PENDING));
    }

    /** The states in which the hub's warehouse still works on an order (or has not been given it yet). */
    public static final Set<OrderStatus> BEFORE_SHIPPING = Set.copyOf(CHANNEL_FACTS.get(SHIPPED));

    private Lifecycle() {
    }

    /** A move the order's own channel reports: its facts (shipped, delivered, returned) count from any earlier state. */
    public static Decision decideForChannel(OrderStatus from, OrderStatus to) {
        Decision decision = decide(from, to);
        if (decision.refused() && CHANNEL_FACTS.getOrDefault(to, Set.of()).contains(from)) {
            return Decision.ALLOWED;
        }
        return decision;
    }

    /** Whether the order left without the hub's warehouse: it was before shipping and now is past it. */
    public static boolean leftBeforeShipping(OrderStatus before, OrderStatus after) {
        return before != null && BEFORE_SHIPPING.contains(before) && after != null && !BEFORE_SHIPPING.contains(after)
                && after != CANCELED;
    }

    public static Set<OrderStatus> allowedFrom(OrderStatus from) {
        return EnumSet.copyOf(ALLOWED.get(from).isEmpty() ? EnumSet.noneOf(OrderStatus.class) : ALLOWED.get(from));
    }

    public static Decision decide(OrderStatus from, OrderStatus to) {
        if (from == to) {
            return Decision.UNCHANGED;
        }
        if (ALLOWED.get(from).contains(to)) {
            return Decision.ALLOWED;
        }
        String why;
        if (from.isTerminal()) {
            why = from + " is final";
        } else if (to == CANCELED) {
            why = "an order cannot be canceled once " + from + "; start a return instead";
        } else {
            why = "from " + from + " the order can go to " + ALLOWED.get(from);
        }
        return Decision.refused(from + " -> " + to + " is not allowed: " + why);
    }

    /** The outcome of asking for a transition: allowed, refused with a reason, or nothing to do. */
    public record Decision(Kind kind, String reason) {
        public enum Kind { ALLOWED, REFUSED, UNCHANGED }

        static final Decision ALLOWED = new Decision(Kind.ALLOWED, null);
        static final Decision UNCHANGED = new Decision(Kind.UNCHANGED, null);

        static Decision refused(String reason) {
            return new Decision(Kind.REFUSED, reason);
        }

        public boolean allowed() {
            return kind == Kind.ALLOWED;
        }

        public boolean refused() {
            return kind == Kind.REFUSED;
        }
    }
}
