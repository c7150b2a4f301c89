package io.orderhub;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without the sandbox (here: any profile but the test classpath's default {@code sandbox}), the hub takes its
 * endpoints and secrets from the environment only, and says which one is missing.
 */
class ProdProfileTest {

    @Test
    void prodDoesNotStartWithoutItsSecrets() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderHubApplication.class)
                .profiles("production")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The hub needs these environment variables")
                .hasMessageContaining("HUB_DB_URL, HUB_DB_USER, HUB_DB_PASSWORD, HUB_ARTEMIS_URL")
                .hasMessageContaining("HUB_WMS_URL")
                .hasMessageContaining("a login: HUB_SECURITY_USERS_<NAME>_PASSWORD and _ROLES");
    }

    @Test
    void aChannelSwitchedOnWithoutItsCredentialsIsNamedToo() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderHubApplication.class)
                .profiles("production")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run("--hub.channels.amazon.enabled=true").close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUB_AMAZON_CLIENT_ID")
                .hasMessageContaining("HUB_AMAZON_CLIENT_SECRET")
                .hasMessageContaining("HUB_AMAZON_REFRESH_TOKEN")
                .hasMessageContaining("HUB_AMAZON_SELLER_ID")
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("HUB_EBAY", "HUB_TRENDYOL"));
    }

    @Test
    void anEdiPartnerInProdNeedsAKnownHostsFile() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderHubApplication.class)
                .profiles("production")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run("--hub.edi.partners.acme.host=sftp.acme.example", "--hub.edi.partners.acme.user=orderhub",
                        "--hub.edi.partners.acme.interchange-id=ACMERETAIL").close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hub.edi.partners.acme.known-hosts-file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hub.edi.partners.acme.host",
                        "hub.edi.partners.demo-partner"));
    }

    @Test
    void carriersSwitchedOnNeedTheirCredentials() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderHubApplication.class)
                .profiles("production")
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run("--hub.destinations.carrier.enabled=true", "--hub.carriers.ups.client-id=id",
                        "--hub.carriers.ups.client-secret=secret", "--hub.carriers.aras.user=u").close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUB_DHL_AUTHORIZATION")
                .hasMessageContaining("HUB_MNG_AUTHORIZATION")
                .hasMessageContaining("HUB_FEDEX_CLIENT_ID")
                .hasMessageContaining("HUB_USPS_CLIENT_SECRET")
                .hasMessageContaining("HUB_USPS_PAYMENT_ROLES")
                .hasMessageContaining("HUB_YURTICI_USER")
                .hasMessageContaining("HUB_ARAS_PASSWORD")
                .hasMessageContaining("HUB_ARAS_CUSTOMER_CODE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("HUB_UPS_CLIENT_ID", "HUB_UPS_URL",
                        "HUB_ARAS_USER", "HUB_UPS_AUTHORIZATION"));
    }
}
