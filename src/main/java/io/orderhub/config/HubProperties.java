package io.orderhub.config;

import io.orderhub.edi.EdiPartner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hub's own settings ({@code hub.*}). Channel and destination endpoints are read by the routes and
 * Kamelets as placeholders ({@code {{hub.channels.shopify.base-url}}}); what Java needs is bound here.
 * Every default is listed in the README.
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("./mappings") String mappingsDir,
        @DefaultValue Enrich enrich,
        @DefaultValue Ingest ingest,
        @DefaultValue Http http,
        @DefaultValue Security security,
        @DefaultValue Delivery delivery,
        @DefaultValue Destinations destinations,
        @DefaultValue Edi edi,
        Map<String, Carrier> carriers) {

    public HubProperties {
        carriers = carriers == null ? Map.of() : Map.copyOf(carriers);
    }

    /**
     * A carrier the hub creates shipments at ({@code hub.carriers.<name>.*}); its mappings are mappings/carriers/<name>/.
     * {@code lookupUrl}: where a shipment is found by the reference the hub gave it; {@code voidUrl}: where one is
     * voided; empty when the carrier offers no such call.
     */
    public record Carrier(String url, @DefaultValue("") String authorization, @DefaultValue("") String lookupUrl,
                          @DefaultValue("") String voidUrl) {
    }

    /** EDI trading partners, by id: {@code hub.edi.partners.<id>.*}. */
    public record Edi(Map<String, EdiPartner> partners,
                      @DefaultValue("10485760") long maxFileBytes,
                      @DefaultValue("30d") Duration duplicateWindow) {
        public Edi {
            partners = partners == null ? Map.of() : Map.copyOf(partners);
        }
    }

    /**
     * Enrichment: allocation against the stock the warehouses report (off: the WMS gets whole orders, nothing is
     * reserved), and the window the velocity hold counts a customer's orders in (0 turns the count off).
     */
    public record Enrich(@DefaultValue("true") boolean allocation,
                         @DefaultValue("10m") Duration velocityWindow) {
    }

    /**
     * Limits on what a source may send: a payload's size, JSON nesting and string length (each refused with a 400
     * that says which), and how often one order may fail for a reason retrying could fix (the database is down)
     * before it is parked in the error store instead of holding its source up.
     */
    public record Ingest(@DefaultValue("5242880") int maxPayloadBytes,
                         @DefaultValue("64") int maxJsonDepth,
                         @DefaultValue("65536") int maxStringLength,
                         @DefaultValue("5") int maxTransientAttempts) {
    }

    /** Every other request body (status, tracking, stock, catalog) is refused with 413 past this size. */
    public record Http(@DefaultValue("5242880") long maxBodyBytes) {
    }

    public record Security(@DefaultValue("hub") String apiUser, String apiPassword,
                           @DefaultValue("ops") String consoleUser, String consolePassword) {
    }

    /**
     * Broker-side redelivery of the destination queues, by default about five hours (1 s doubling to 10 min, 40
     * attempts, with jitter); consumers and the sweep are read by the routes. These values for every destination, and {@code destinations.<destination>.*} for one that needs its own policy
     * (what it does not set it takes from here).
     */
    public record Delivery(@DefaultValue("40") int maxAttempts,
                           @DefaultValue("1s") Duration initialDelay,
                           @DefaultValue("2.0") double multiplier,
                           @DefaultValue("10m") Duration maxDelay,
                           Map<String, RetryOverride> destinations) {

        public Delivery {
            destinations = destinations == null ? Map.of() : Map.copyOf(destinations);
        }

        /** The policy of one destination's queue: its overrides over the common values. */
        public Delivery forDestination(String destination) {
            RetryOverride own = destinations.getOrDefault(destination, new RetryOverride(null, null, null, null));
            return new Delivery(own.maxAttempts() != null ? own.maxAttempts() : maxAttempts,
                    own.initialDelay() != null ? own.initialDelay() : initialDelay,
                    own.multiplier() != null ? own.multiplier() : multiplier,
                    own.maxDelay() != null ? own.maxDelay() : maxDelay, Map.of());
        }
    }

    public record RetryOverride(Integer maxAttempts, Duration initialDelay, Double multiplier, Duration maxDelay) {
    }

    public record Destinations(@DefaultValue Toggle wms, @DefaultValue Toggle events,
                               @DefaultValue WriteBack channel, @DefaultValue Erp erp, @DefaultValue Toggle carrier) {
    }

    /** Sales orders to the ERP on an Artemis queue. */
    public record Erp(@DefaultValue("true") boolean enabled, @DefaultValue("hub.erp.sales-orders") String queue) {
    }

    /** Shipments and hub-made cancellations told back to the channel the order came from. */
    public record WriteBack(@DefaultValue("true") boolean enabled,
                            @DefaultValue({"shopify", "woocommerce", "amazon", "ebay", "trendyol", "hepsiburada"})
                            List<String> channels) {
    }

    public record Toggle(@DefaultValue("true") boolean enabled) {
    }
}
