package io.orderhub.lifecycle;

import java.util.Locale;

/** Where the hub delivers. Each has its own delivery queue ({@code hub.delivery.<name>}) and route. */
public enum Destination {
    WMS,
    EVENTS;

    public String queueName() {
        return "hub.delivery." + key();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
