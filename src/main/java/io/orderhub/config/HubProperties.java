package io.orderhub.config;

import io.orderhub.edi.EdiPartner;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
        @DefaultValue @Valid Retention retention,
        @DefaultValue @Valid Kpi kpi,
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
     * voided; {@code returnUrl}: where a return label is made; empty when the carrier offers no such call. {@code user}/{@code password}: a SOAP carrier's web
     * service login. {@code tokenUrl}, {@code clientId}, {@code clientSecret}: the OAuth 2 client-credentials grant
     * whose bearer token replaces {@code authorization} when set ({@code clientAuth}: the client's id
     * and secret in HTTP Basic, "basic", or in the form, "form"). {@code paymentUrl}/{@code paymentRoles}: USPS's
     * payment authorization, and the payer's and label owner's roles it is made for (JSON). {@code trackingPollMs}/{@code trackingPollBatch}:
     * how often, and for how many parcels a round, a carrier that does not push tracking is asked.
     * {@code trackingUrl}, {@code trackingUser}, {@code trackingPassword}, {@code customerCode}: a carrier whose
     * status query is a second service with its own login and the customer's code (Aras's
     * ArasCargoIntegrationService); empty when the shipment service answers it.
     */
    public record Carrier(@NotNull String url, @DefaultValue("") String authorization,
                          @DefaultValue("") String lookupUrl, @DefaultValue("") String voidUrl,
                          @DefaultValue("") String returnUrl,
                          @DefaultValue("") String user, @DefaultValue("") String password,
                          @DefaultValue("") String tokenUrl, @DefaultValue("") String clientId,
                          @DefaultValue("") String clientSecret, @DefaultValue("form") String clientAuth,
                          @DefaultValue("") String paymentUrl, @DefaultValue("") String paymentRoles,
                          @DefaultValue("60000") @Positive long trackingPollMs,
                          @DefaultValue("20") @Positive int trackingPollBatch,
                          @DefaultValue("") String trackingUrl, @DefaultValue("") String trackingUser,
                          @DefaultValue("") String trackingPassword, @DefaultValue("") String customerCode) {
    }

    /**
     * How long personal data is kept (README, "Security"). {@code afterFinal}: a final order (delivered, canceled,
     * returned) keeps its customer's contact and address, and the raw payload it came in, this long after its last
     * change; {@code channels.<channel>}: that channel's own period. {@code errorPayloads}: what the error store
     * keeps of refused input; {@code documentBodies}: the text of EDI documents. The lifecycle history, the
     * delivery ledger and the documents' control numbers are kept.
     */
    public record Retention(@NotNull Duration afterFinal, Map<String, Duration> channels,
                            @NotNull Duration errorPayloads, @NotNull Duration documentBodies,
                            @Positive long intervalMs, @Positive int batchSize) {

        public Retention {
            channels = channels == null ? Map.of() : Map.copyOf(channels);
        }

        public Duration forChannel(String channel) {
            return channels.getOrDefault(channel, afterFinal);
        }
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

    /**
     * The KPIs (io.orderhub.kpi.OrderKpis): an order without a requested delivery time ships on time when it ships
     * within {@code shipWithin} of being placed. The console's charts (io.orderhub.kpi.KpiHistory) read the KPIs
     * every {@code sampleInterval} and keep {@code history} of them.
     */
    public record Kpi(@DefaultValue("48h") @NotNull Duration shipWithin,
                      @DefaultValue("1m") @NotNull Duration sampleInterval,
                      @DefaultValue("6h") @NotNull Duration history) {

        public Kpi {
            if (sampleInterval.toMillis() < 100 || history.compareTo(sampleInterval) < 0) {
                throw new IllegalArgumentException("hub.kpi.sample-interval must be at least 100ms and "
                        + "hub.kpi.history at least one interval");
            }
        }
    }

        /** Every other request body (status, tracking, stock, catalog) is refused with 413 past this size. */
    public record Http(@DefaultValue("5242880") @Positive long maxBodyBytes) {
    }

    /** The Kafka cluster of the events topic and the POS topic. */
    public record Kafka(@NotBlank String bootstrapServers) {
    }

    /**
     * Who may call the hub. {@code users.<name>}: a login, its password in Spring Security's {@code {bcrypt}...} or
     * {@code {noop}...} form, its roles (viewer, operator, admin, integration, metrics) and, for an integration, the
     * systems it speaks for: {@code wms}, {@code carrier:<carrier>}, {@code channel:<channel>} or
     * {@code channel:<channel>:<account>}, or {@code *} for all. {@code apiUser} and {@code consoleUser}: the two
     * logins of earlier versions, kept as an integration login for every system and as an operator login.
     */
    public record Security(String apiUser, String apiPassword, String consoleUser, String consolePassword,
                           Map<String, @Valid User> users) {

        public Security {
            users = users == null ? Map.of() : Map.copyOf(users);
        }

        public record User(
                @NotBlank @Pattern(regexp = "\\{(bcrypt|noop)}.+",
                        message = "must be {bcrypt}<hash> or {noop}<password>") String password,
                @NotEmpty List<@Pattern(regexp = "viewer|operator|admin|integration|metrics",
                        message = "must be one of viewer, operator, admin, integration, metrics") String> roles,
                List<@Pattern(regexp = "\\*|wms|carrier:[a-z0-9-]+|channel:[a-z0-9-]+(:[^:\\s]+)?",
                        message = "must be *, wms, carrier:<carrier>, channel:<channel> or channel:<channel>:<account>")
                        String> scopes) {

            public User {
                scopes = scopes == null ? List.of() : List.copyOf(scopes);
            }

            @AssertTrue(message = "an integration user needs scopes: the systems it speaks for")
            public boolean isScopedWhenIntegration() {
                return roles == null || !roles.contains("integration") || !scopes.isEmpty();
            }
        }
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
