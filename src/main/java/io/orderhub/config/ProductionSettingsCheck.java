package io.orderhub.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In the prod profile, every endpoint and secret comes from the environment. This check runs before any bean is
 * built and names every variable that is missing, instead of letting the first bean fail with a side effect
 * ("'url' must start with jdbc").
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    static final List<String> REQUIRED = List.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "spring.artemis.broker-url", "spring.artemis.user", "spring.artemis.password",
            "hub.kafka.bootstrap-servers",
            "hub.security.api-user", "hub.security.api-password",
            "hub.security.console-user", "hub.security.console-password",
            "hub.destinations.wms.url");

    private static final Pattern PLACEHOLDER = Pattern.compile("placeholder '([^']+)'");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("prod")) {
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
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The prod profile needs these environment variables (see README, "
                    + "\"Production\"): " + String.join(", ", missing));
        }
    }
}
