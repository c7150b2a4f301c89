package io.orderhub.lifecycle;

import java.util.Locale;

/** Where the hub delivers. Each has its own delivery queue ({@code hub.delivery.<name>}) and route. */
public enum Destination {
    WMS,
    /** the carrier the carrier rules chose: a shipment with its labels and tracking numbers */
    CARRIER,
    EVENTS,
    /** the sales channel the order came from: shipment and cancellation write-back */
    CHANNEL,
    /** EDI documents to the trading partner an EDI order came from: 855, 856, 810 */
    EDI,
    /** the ERP: a sales order when the order is CONFIRMED, an update when it ships, is canceled or returned */
    ERP;

    public String queueName() {
        return "hub.delivery." + key();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
