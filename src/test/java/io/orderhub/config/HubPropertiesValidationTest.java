package io.orderhub.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** hub.* is bound and validated when the hub starts: a wrong value stops it, naming the property and why. */
class HubPropertiesValidationTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void theSandboxsSettingsBindWithTheirChannels() {
        hub.run(context -> {
            assertThat(context).hasNotFailed();
            HubProperties properties = context.getBean(HubProperties.class);
            assertThat(properties.delivery().maxAttempts()).isEqualTo(40);
            assertThat(properties.channels()).containsKeys("shopify", "woocommerce", "amazon", "ebay", "trendyol",
                    "hepsiburada", "n11", "pos", "b2b");
            HubProperties.Channel amazon = properties.channels().get("amazon");
            assertThat(amazon.enabled()).isTrue();
            assertThat(amazon.account()).isEqualTo("A2SANDBOXSELLER");
            assertThat(amazon.lookback()).isEqualTo(Duration.ofDays(1));
        });
    }

    @Test
    void aWrongValueStopsTheStartNamingThePropertyAndWhy() {
        hub.withPropertyValues("hub.channels.shopify.page-size=0", "hub.delivery.max-attempts=0",
                        "hub.channels.n11.account=", "hub.destinations.wms.url=", "hub.delivery.consumers=0",
                        "hub.security.users.wms.password=plain", "hub.security.users.wms.roles=integration,owner",
                        "hub.security.users.erp.password={noop}x", "hub.security.users.erp.roles=integration",
                        "hub.security.users.tms.password={noop}x", "hub.security.users.tms.roles=integration",
                        "hub.security.users.tms.scopes=carrier")
                .run(context -> {
                    assertThat(context).hasFailed();
                    // what Spring Boot's failure analysis prints, one field error each
                    String failure = String.valueOf(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
                    assertThat(failure).contains("channels[shopify].pageSize", "must be greater than 0")
                            .contains("delivery.maxAttempts", "must be greater than or equal to 1")
                            .contains("channels[n11].accountGivenWhenEnabled", "an enabled channel needs its account")
                            .contains("security.users[wms].password", "must be {bcrypt}<hash> or {noop}<password>")
                            .contains("security.users[wms].roles[1]", "must be one of viewer, operator, admin")
                            .contains("security.users[erp].scopedWhenIntegration", "an integration user needs scopes")
                            .contains("security.users[tms].scopes[0]", "must be *, wms, carrier:<carrier>")
                            .contains("destinations.wms.urlGivenWhenEnabled", "the warehouse is switched on")
                            .contains("delivery.consumers");
                });
    }

    /** Users come from the environment as HUB_SECURITY_USERS_<NAME>_*, the way a container is given them. */
    @Test
    void usersBindFromEnvironmentVariables() {
        hub.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource("test-environment", Map.of(
                                "HUB_SECURITY_USERS_WMS_PASSWORD", "{noop}from-the-environment",
                                "HUB_SECURITY_USERS_WMS_ROLES", "integration",
                                "HUB_SECURITY_USERS_WMS_SCOPES", "wms,carrier:ups"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HubProperties.Security.User wms = context.getBean(HubProperties.class).security().users().get("wms");
                    assertThat(wms.password()).isEqualTo("{noop}from-the-environment");
                    assertThat(wms.roles()).containsExactly("integration");
                    assertThat(wms.scopes()).containsExactly("wms", "carrier:ups");
                });
    }

    @EnableConfigurationProperties(HubProperties.class)
    static class Bind {
    }
}
