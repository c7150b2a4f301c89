package io.orderhub.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A marketplace whose open-orders list stops showing an order once it leaves that state (Hepsiburada) is also
 * polled on the lists where the order goes next: canceled, shipped, delivered, undelivered. A list is named
 * {@code resource[/status]} ({@code orders}, {@code orders/cancelled}, {@code packages/shipped}); each has its own
 * cursor, and the open list keeps the account's original one. A marketplace's return claims (Trendyol) are listed
 * by when they were opened while their status changes later, so no cursor fits them: each poll reads a window
 * back from now ({@link #windowStart}), and a claim read again changes nothing.
 */
public class StatusLists {

    private final Clock clock;

    public StatusLists(Clock clock) {
        this.clock = clock;
    }

    /** The ISO instant {@code window} (an ISO-8601 duration, P30D) before now: where a claims walk begins. */
    public String windowStart(String window) {
        return Instant.now(clock).minus(Duration.parse(window)).toString();
    }

    /** The list's path under the API root: {@code orders/cancelled} is {@code /orders/merchantid/{id}/cancelled}. */
    public String path(String list, String merchantId) {
        String name = list.strip();
        int slash = name.indexOf('/');
        return "/" + (slash < 0 ? name + "/merchantid/" + merchantId
                : name.substring(0, slash) + "/merchantid/" + merchantId + name.substring(slash));
    }

    /** The cursor's account key: the account itself for the open list, {@code account/list} for the others. */
    public String cursorKey(String account, String list) {
        String name = list.strip();
        return name.equals("orders") ? account : account + "/" + name;
    }
}
