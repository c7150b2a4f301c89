package io.orderhub.api;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignaturesTest {

    private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

    private static WebhookSignatures with(String secrets) {
        return new WebhookSignatures(new MockEnvironment()
                .withProperty("hub.channels.woocommerce.webhook-signature-header", "X-WC-Webhook-Signature")
                .withProperty("hub.channels.woocommerce.webhook-secret", secrets));
    }

    private static String signed(String secret) {
        return Base64.getEncoder().encodeToString(WebhookSignatures.hmacSha256(secret, BODY));
    }

    @Test
    void duringARotationBothSecretsAreAccepted() {
        WebhookSignatures rotating = with("new-secret, old-secret");

        assertThat(rotating.problem("woocommerce", signed("old-secret"), BODY)).isNull();
        assertThat(rotating.problem("woocommerce", signed("new-secret"), BODY)).isNull();
        assertThat(rotating.problem("woocommerce", signed("other"), BODY))
                .isEqualTo("X-WC-Webhook-Signature does not match the body");
    }

    @Test
    void saysWhatIsWrong() {
        WebhookSignatures signatures = with("s");

        assertThat(signatures.problem("woocommerce", null, BODY)).isEqualTo("no X-WC-Webhook-Signature header");
        assertThat(signatures.problem("woocommerce", "%%%", BODY)).isEqualTo("X-WC-Webhook-Signature is not base64");
        assertThat(signatures.configured("woocommerce")).isTrue();
        assertThat(with("").configured("woocommerce")).isFalse();
        assertThat(signatures.configured("amazon")).isFalse();
    }
}
