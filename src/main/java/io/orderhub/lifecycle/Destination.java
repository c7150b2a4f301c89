package io.orderhub.lifecycle;

import java.util.Locale;

/** Where the hub delivers. Each has its own delivery queue ({@code hub.delivery.<name>}) and route. */
public enum Destination {
    WMS,
    EVENTS,
    /** the sales channel the order came from: shipment and cancellation write-back */
    CHANNEL,
    /** EDI documents to the trading partner an EDI order came from: 855, 856, 810 */
    EDI;

    public String queueName() {
        return "hub.delivery." + key();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
