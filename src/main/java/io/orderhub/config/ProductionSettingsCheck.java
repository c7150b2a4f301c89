package io.orderhub.config;

import io.orderhub.edi.EdiPartner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outside the sandbox (the test classpath's {@code sandbox} profile), every endpoint and secret comes from the
 * environment. This check runs before any bean is built and names every variable that is missing, instead of
 * letting the first bean fail with a side effect ("'url' must start with jdbc").
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    static final List<String> REQUIRED = List.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "spring.artemis.broker-url", "spring.artemis.user", "spring.artemis.password",
            "hub.kafka.bootstrap-servers",
            "hub.destinations.wms.url");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Pattern PLACEHOLDER = Pattern.compile("placeholder '([^']+)'");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles("sandbox")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String property : REQUIRED) {
            try {
                String value = environment.getProperty(property);
                if (value == null || value.isBlank()) {
                    missing.add(property);
                }
            } catch (IllegalArgumentException unresolved) {
                Matcher m = PLACEHOLDER.matcher(String.valueOf(unresolved.getMessage()));
                missing.add(m.find() ? m.group(1) : property);
            }
        }
        missing.addAll(loginsWithoutPasswords(environment));
        missing.addAll(channelsWithoutSettings(environment));
        missing.addAll(unsafeEdiPartners(environment));
        missing.addAll(carriersWithoutCredentials(environment));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The hub needs these environment variables (see README, "
                    + "\"Production\"): " + String.join(", ", missing));
        }
    }

    /**
     * The hub needs a login: users of {@code hub.security.users}, or the two logins of earlier versions, each with
     * its password.
     */
    static List<String> loginsWithoutPasswords(ConfigurableEnvironment environment) {
        Map<String, Object> users = Binder.get(environment)
                .bind("hub.security.users", Bindable.mapOf(String.class, Object.class)).orElse(Map.of());
        List<String> missing = new ArrayList<>();
        boolean any = !users.isEmpty();
        for (String login : List.of("api", "console")) {
            String user = environment.getProperty("hub.security." + login + "-user", "");
            String password = environment.getProperty("hub.security." + login + "-password", "");
            any |= !user.isBlank();
            if (!user.isBlank() && password.isBlank()) {
                missing.add("HUB_" + login.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD");
            }
        }
        if (!any) {
            missing.add("a login: HUB_SECURITY_USERS_<NAME>_PASSWORD and _ROLES, or HUB_API_USER and "
                    + "HUB_API_PASSWORD with HUB_CONSOLE_USER and HUB_CONSOLE_PASSWORD");
        }
        return missing;
    }

    /**
     * What each channel needs once it is switched on, beside {@code enabled}: where it is, whose account, and its
     * credentials (the Kamelet's required properties, named as {@code hub.channels.<channel>.*}).
     */
    static final Map<String, List<String>> CHANNEL_SETTINGS = Map.of(
            "shopify", List.of("base-url", "account", "access-token"),
            "woocommerce", List.of("base-url", "account", "consumer-key", "consumer-secret"),
            "trendyol", List.of("base-url", "account", "api-key", "api-secret"),
            "hepsiburada", List.of("base-url", "account", "username", "password"),
            "n11", List.of("base-url", "account", "app-key", "app-secret"),
            "ebay", List.of("base-url", "account", "client-id", "client-secret", "refresh-token"),
            "amazon", List.of("base-url", "account", "client-id", "client-secret", "refresh-token"),
            "pos", List.of("account", "topic"),
            "b2b", List.of("account", "queue"));

    /**
     * A channel switched on (HUB_&lt;CHANNEL&gt;_ENABLED=true) with one of its settings blank would start and fail
     * every poll; name those settings instead, by the environment variable application.yaml reads them from.
     */
    static List<String> channelsWithoutSettings(ConfigurableEnvironment environment) {
        Map<String, Object> raw = rawProperties(environment, "hub.channels.");
        List<String> missing = new ArrayList<>();
        new TreeMap<>(CHANNEL_SETTINGS).forEach((channel, settings) -> {
            String prefix = "hub.channels." + channel + ".";
            if (!environment.getProperty(prefix + "enabled", Boolean.class, false)) {
                return;
            }
            for (String setting : settings) {
                if (blank(environment.getProperty(prefix + setting))) {
                    Matcher variable = VARIABLE.matcher(String.valueOf(raw.get(prefix + setting)));
                    missing.add(variable.find() ? variable.group(1) : prefix + setting);
                }
            }
        });
        return missing;
    }

    /**
     * An EDI partner switched on needs its server, login and interchange id, and a known-hosts file: outside
     * the sandbox a host key is always checked, so a missing file is a missing setting, not a silent "accept any".
     */
    static List<String> unsafeEdiPartners(ConfigurableEnvironment environment) {
        // bound as the hub binds them, so partners given only as HUB_EDI_PARTNERS_<ID>_* variables are seen too
        Map<String, EdiPartner> partners = Binder.get(environment)
                .bind("hub.edi.partners", Bindable.mapOf(String.class, EdiPartner.class)).orElse(Map.of());
        List<String> missing = new ArrayList<>();
        new TreeMap<>(partners).forEach((id, partner) -> {
            if (!partner.enabled()) {
                return;
            }
            String prefix = "hub.edi.partners." + id + ".";
            if (blank(partner.host())) {
                missing.add(prefix + "host");
            }
            if (blank(partner.user())) {
                missing.add(prefix + "user");
            }
            if (blank(partner.interchangeId())) {
                missing.add(prefix + "interchange-id");
            }
            if (blank(partner.knownHostsFile())) {
                missing.add(prefix + "known-hosts-file");
            }
        });
        return missing;
    }

    /**
     * Shipments switched on (HUB_CARRIERS_ENABLED=true) need every configured carrier's credentials: the
     * carrier rules may choose any of them.
     */
    static List<String> carriersWithoutCredentials(ConfigurableEnvironment environment) {
        if (!environment.getProperty("hub.destinations.carrier.enabled", Boolean.class, false)) {
            return List.of();
        }
        Map<String, HubProperties.Carrier> carriers = Binder.get(environment)
                .bind("hub.carriers", Bindable.mapOf(String.class, HubProperties.Carrier.class)).orElse(Map.of());
        List<String> missing = new ArrayList<>();
        new TreeMap<>(carriers).forEach((name, carrier) -> {
            String prefix = "HUB_" + name.toUpperCase(java.util.Locale.ROOT);
            if (blank(carrier.url())) {
                missing.add(prefix + "_URL");
            }
            // a carrier logs in one of three ways: a SOAP login, an OAuth client, or a fixed Authorization header
            if (!blank(carrier.user()) || !blank(carrier.password())) {
                if (blank(carrier.user()) || blank(carrier.password())) {
                    missing.add(prefix + (blank(carrier.user()) ? "_USER" : "_PASSWORD"));
                }
            } else if (!blank(carrier.tokenUrl())) {
                if (blank(carrier.clientId())) {
                    missing.add(prefix + "_CLIENT_ID");
                }
                if (blank(carrier.clientSecret())) {
                    missing.add(prefix + "_CLIENT_SECRET");
                }
                if (!blank(carrier.paymentUrl()) && blank(carrier.paymentRoles())) {
                    missing.add(prefix + "_PAYMENT_ROLES");
                }
            } else if (blank(carrier.authorization()) && !soap(environment, name)) {
                missing.add(prefix + "_AUTHORIZATION");
            } else if (soap(environment, name)) {
                missing.add(prefix + "_USER");
                missing.add(prefix + "_PASSWORD");
            }
            if (!blank(carrier.trackingUrl()) && blank(carrier.customerCode())) {
                missing.add(prefix + "_CUSTOMER_CODE");
            }
        });
        return missing;
    }

    /** A SOAP carrier is configured with a user and password, not an Authorization header. */
    private static boolean soap(ConfigurableEnvironment environment, String carrier) {
        return environment.containsProperty("hub.carriers." + carrier + ".user");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Every property under {@code prefix} as written (placeholders unresolved); the first source wins, as in Spring. */
    private static Map<String, Object> rawProperties(ConfigurableEnvironment environment, String prefix) {
        Map<String, Object> raw = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(prefix)) {
                        raw.putIfAbsent(name, source.getProperty(name));
                    }
                }
            }
        }
        return raw;
    }
}
