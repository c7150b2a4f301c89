package io.orderhub.api;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Verifies a channel's webhook signature the way the channel computes it: base64(HMAC-SHA256(secret, raw body))
 * in the header named by {@code hub.channels.<channel>.webhook-signature-header} (Shopify X-Shopify-Hmac-Sha256,
 * WooCommerce X-WC-Webhook-Signature). {@code webhook-secret} may hold several comma-separated secrets, so a key
 * rotation (Shopify takes up to an hour) loses no delivery. Comparison is constant-time, over the raw bytes.
 */
@Component
public class WebhookSignatures {

    private final Environment environment;

    public WebhookSignatures(Environment environment) {
        this.environment = environment;
    }

    public boolean configured(String channel) {
        return !secrets(channel).isEmpty() && header(channel) != null;
    }

    public String header(String channel) {
        return environment.getProperty("hub.channels." + channel + ".webhook-signature-header");
    }

    /** The header the channel names each delivery by ({@code webhook-delivery-header}), or null. */
    public String deliveryHeader(String channel) {
        return environment.getProperty("hub.channels." + channel + ".webhook-delivery-header");
    }

    /** The header the channel stamps each delivery's time in ({@code webhook-timestamp-header}), or null. */
    public String timestampHeader(String channel) {
        return environment.getProperty("hub.channels." + channel + ".webhook-timestamp-header");
    }

    /** @return null when the signature is valid, else why not (for the log; the caller only says 401) */
    public String problem(String channel, String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            return "no " + header(channel) + " header";
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return header(channel) + " is not base64";
        }
        for (String secret : secrets(channel)) {
            if (MessageDigest.isEqual(hmacSha256(secret, body), presented)) {
                return null;
            }
        }
        return header(channel) + " does not match the body";
    }

    private List<String> secrets(String channel) {
        String value = environment.getProperty("hub.channels." + channel + ".webhook-secret", "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
