package io.orderhub.sandbox;

import io.orderhub.api.WebhookSignatures;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** base64(HMAC-SHA256(secret, body)): how Shopify and FedEx sign what they push, for simulators, load and tests. */
public final class WebhookSigner {

    /** The sandbox's Shopify webhook secret (application-sandbox.yaml). */
    public static final String SHOPIFY_SANDBOX_SECRET = "dev-shopify-webhook-secret";

    private WebhookSigner() {
    }

    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(WebhookSignatures.hmacSha256(secret, body));
    }

    public static String sign(String secret, String body) {
        return sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }
}
