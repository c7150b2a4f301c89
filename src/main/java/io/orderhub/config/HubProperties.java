package io.orderhub.config;

import io.orderhub.edi.EdiPartner;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The hub's settings ({@code hub.*}), validated when the hub starts. A default lives in one place: in
 * application.yaml when the file sets the property (routes and Kamelets read many of them as placeholders, such as
 * {@code {{hub.channels.shopify.base-url}}}), else here as {@code @DefaultValue}; ConfigurationDocumentedTest holds
 * both to that and to the README's table.
 */
@ConfigurationProperties("hub")
@Validated
public record HubProperties(
        @NotBlank String dataDir,
        @NotBlank String mappingsDir,
        @DefaultValue @Valid Enrich enrich,
        @DefaultValue @Valid Ingest ingest,
        @DefaultValue @Valid Http http,
        @DefaultValue @Valid Webhooks webhooks,
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Destinations destinations,
        @DefaultValue @Valid Edi edi,
        Map<String, @Valid Carrier> carriers,
        Map<String, @Valid Channel> channels) {

    public HubProperties {
        carriers = carriers == null ? Map.of() : Map.copyOf(carriers);
        channels = channels == null ? Map.of() : Map.copyOf(channels);
    }

    /**
     * A sales channel ({@code hub.channels.<name>.*}): what every channel has. Its own settings (credentials, API
     * version, statuses) are read by its Kamelet; ProductionSettingsCheck names the ones an enabled channel lacks.
     */
    public record Channel(boolean enabled, String baseUrl, String account, @Positive Long pollInterval,
                          @Positive Integer pageSize, @PositiveOrZero Integer overlapSeconds, Duration lookback) {

        @AssertTrue(message = "an enabled channel needs its account (the cursor and the order ids are per account)")
        public boolean isAccountGivenWhenEnabled() {
            return !enabled || (account != null && !account.isBlank());
        }
    }

    /**
     * A carrier the hub creates shipments at ({@code hub.carriers.<name>.*}); its mappings are mappings/carriers/<name>/.
     * {@code lookupUrl}: where a shipment is found by the reference the hub gave it; {@code voidUrl}: where one is
     * voided; empty when the carrier offers no such call.
     */
    public record Carrier(@NotNull String url, @DefaultValue("") String authorization,
                          @DefaultValue("") String lookupUrl, @DefaultValue("") String voidUrl) {
    }

    /** EDI trading partners, by id: {@code hub.edi.partners.<id>.*}. */
    public record Edi(Map<String, EdiPartner> partners,
                      @DefaultValue("10485760") @Positive long maxFileBytes,
                      @DefaultValue("30d") Duration duplicateWindow) {
        public Edi {
            partners = partners == null ? Map.of() : Map.copyOf(partners);
        }
    }

    /**
     * Enrichment: allocation against the stock the warehouses report (off: the WMS gets whole orders, nothing is
     * reserved), and the window the velocity hold counts a customer's orders in (0 turns the count off).
     */
    public record Enrich(boolean allocation, @NotNull Duration velocityWindow) {
    }

    /**
     * Limits on what a source may send: a payload's size, JSON nesting and string length (each refused with a 400
     * that says which), and how often one order may fail for a reason retrying could fix (the database is down)
     * before it is parked in the error store instead of holding its source up.
     */
    public record Ingest(@Positive int maxPayloadBytes,
                         @DefaultValue("64") @Positive int maxJsonDepth,
                         @DefaultValue("65536") @Positive int maxStringLength,
                         @DefaultValue("5") @Positive int maxTransientAttempts) {
    }

    /**
     * How long a signed webhook counts: one whose timestamp (Shopify's X-Shopify-Triggered-At) is older is refused,
     * and a delivery id seen within it is not taken again. Longer than the channels retry (Shopify: 48 hours).
     * {@code perClientPerMinute}: requests one client (remote address) may send to the webhook paths a minute.
     */
    public record Webhooks(@DefaultValue("72h") @NotNull Duration replayWindow,
                           @DefaultValue("600") @Positive int perClientPerMinute) {
    }

    /** Every other request body (status, tracking, stock, catalog) is refused with 413 past this size. */
    public record Http(@DefaultValue("5242880") @Positive long maxBodyBytes) {
    }

    /** The Kafka cluster of the events topic and the POS topic. */
    public record Kafka(@NotBlank String bootstrapServers) {
    }

    public record Security(@NotBlank String apiUser, @NotBlank String apiPassword,
                           @NotBlank String consoleUser, @NotBlank String consolePassword) {
    }

    /**
     * Broker-side redelivery of the destination queues, by default about five hours (1 s doubling to 10 min, 40
     * attempts, with jitter); consumers and the sweep are read by the routes. These values for every destination, and {@code destinations.<destination>.*} for one that needs its own policy
     * (what it does not set it takes from here).
     */
    public record Delivery(@Min(1) int maxAttempts,
                           @NotNull Duration initialDelay,
                           @DecimalMin("1.0") double multiplier,
                           @NotNull Duration maxDelay,
                           Map<String, RetryOverride> destinations,
                           @Positive int consumers,
                           @Positive long sweepIntervalMs,
                           @Positive long sweepAfterSeconds,
                           @Positive long metricsIntervalMs,
                           @NotNull Duration noSuccessWarning) {

        public Delivery {
            destinations = destinations == null ? Map.of() : Map.copyOf(destinations);
        }

        /** The policy of one destination's queue: its overrides over the common values. */
        public Delivery forDestination(String destination) {
            RetryOverride own = destinations.getOrDefault(destination, new RetryOverride(null, null, null, null));
            return new Delivery(own.maxAttempts() != null ? own.maxAttempts() : maxAttempts,
                    own.initialDelay() != null ? own.initialDelay() : initialDelay,
                    own.multiplier() != null ? own.multiplier() : multiplier,
                    own.maxDelay() != null ? own.maxDelay() : maxDelay, Map.of(), consumers, sweepIntervalMs,
                    sweepAfterSeconds, metricsIntervalMs, noSuccessWarning);
        }
    }

    public record RetryOverride(Integer maxAttempts, Duration initialDelay, Double multiplier, Duration maxDelay) {
    }

    public record Destinations(@DefaultValue @Valid Wms wms, @DefaultValue @Valid Events events,
                               @DefaultValue @Valid WriteBack channel, @DefaultValue @Valid Erp erp,
                               @DefaultValue Toggle carrier) {
    }

    /** Fulfillment orders to the warehouse over HTTP. */
    public record Wms(boolean enabled, String url, String authorization) {

        @AssertTrue(message = "the warehouse is switched on and needs its url")
        public boolean isUrlGivenWhenEnabled() {
            return !enabled || (url != null && !url.isBlank());
        }
    }

    /** Lifecycle events on a Kafka topic. */
    public record Events(boolean enabled, @NotBlank String topic) {
    }

    /** Sales orders to the ERP on an Artemis queue. */
    public record Erp(boolean enabled, @NotBlank String queue) {
    }

    /** Shipments and hub-made cancellations told back to the channel the order came from. */
    public record WriteBack(boolean enabled, @NotEmpty List<String> channels) {
    }

    public record Toggle(boolean enabled) {
    }
}
