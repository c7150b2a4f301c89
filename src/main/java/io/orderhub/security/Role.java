package io.orderhub.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a login may do (README, "Security"). A person's roles include the ones below them (an admin is an operator
 * and a viewer); a system's roles stand alone, so a WMS credential reads nothing and a scraper reads only metrics.
 */
public enum Role {
    /** Reads orders, deliveries, errors and EDI documents, without raw payloads or document bodies. */
    VIEWER,
    /** Also releases, replays, retries, changes status, and reads raw payloads and document bodies. */
    OPERATOR,
    /** Also maintains the catalog and the SKU cross reference, reloads them, and erases a customer's data. */
    ADMIN,
    /** A system: posts what its scopes allow (orders of its channel, status and stock of the WMS, its tracking). */
    INTEGRATION,
    /** A Prometheus scraper. */
    METRICS;

    public static Role of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** This role and the ones it includes. */
    public Set<Role> granted() {
        return switch (this) {
            case ADMIN -> EnumSet.of(ADMIN, OPERATOR, VIEWER);
            case OPERATOR -> EnumSet.of(OPERATOR, VIEWER);
            default -> EnumSet.of(this);
        };
    }
}
