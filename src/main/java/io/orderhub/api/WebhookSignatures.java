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
 * rotation (Shopify takes up to an hour) loses no delivery. Comparison is constant-time, over the raw bytes. The
 * carriers' tracking pushes are checked the same way, each as its carrier authenticates them.
 */
@Component
public class WebhookSignatures {

    private final Environment environment;

    public WebhookSignatures(Environment environment) {
        this.environment = environment;
    }

    public boolean configured(String channel) {
        return !secrets("hub.channels." + channel).isEmpty() && header(channel) != null;
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
        return signatureProblem(header(channel), secrets("hub.channels." + channel), signature, body, false);
    }

    /**
     * Whether a carrier's tracking pushes carry the carrier's own authentication: a signature over the body
     * ({@code hub.carriers.<carrier>.webhook-signature-header} and {@code webhook-secret}, FedEx) or the credential
     * given when the subscription was made ({@code webhook-credential-header} and {@code webhook-credential}, UPS
     * Track Alert).
     */
    public boolean carrierConfigured(String carrier) {
        return carrierSigned(carrier) || carrierCredentialed(carrier);
    }

    /**
     * @param headers the push's header of that name, or null
     * @return null when the push is the carrier's, else why not (for the log; the caller only says 401)
     */
    public String carrierProblem(String carrier, java.util.function.UnaryOperator<String> headers, byte[] body) {
        String prefix = "hub.carriers." + carrier;
        if (carrierCredentialed(carrier)) {
            String header = environment.getProperty(prefix + ".webhook-credential-header");
            String presented = headers.apply(header);
            if (presented == null || presented.isBlank()) {
                return "no " + header + " header";
            }
            boolean known = secrets(prefix, "webhook-credential").stream().anyMatch(c -> MessageDigest.isEqual(
                    c.getBytes(StandardCharsets.UTF_8), presented.trim().getBytes(StandardCharsets.UTF_8)));
            if (!known) {
                return header + " is not the subscription's credential";
            }
        }
        if (carrierSigned(carrier)) {
            String header = environment.getProperty(prefix + ".webhook-signature-header");
            return signatureProblem(header, secrets(prefix), headers.apply(header), body, true);
        }
        return null;
    }

    private boolean carrierSigned(String carrier) {
        return !secrets("hub.carriers." + carrier).isEmpty()
                && environment.getProperty("hub.carriers." + carrier + ".webhook-signature-header") != null;
    }

    private boolean carrierCredentialed(String carrier) {
        return !secrets("hub.carriers." + carrier, "webhook-credential").isEmpty()
                && environment.getProperty("hub.carriers." + carrier + ".webhook-credential-header") != null;
    }

    /** An HMAC-SHA256 of the raw body under one of the secrets, base64 or, where allowed (carriers), hex. */
    private static String signatureProblem(String header, List<String> secrets, String signature, byte[] body,
                                           boolean hexAllowed) {
        if (signature == null || signature.isBlank()) {
            return "no " + header + " header";
        }
        byte[] presented;
        String value = signature.trim();
        try {
            presented = hexAllowed && value.matches("[0-9a-fA-F]{64}") ? java.util.HexFormat.of().parseHex(value)
                    : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return header + " is not base64";
        }
        for (String secret : secrets) {
            if (MessageDigest.isEqual(hmacSha256(secret, body), presented)) {
                return null;
            }
        }
        return header + " does not match the body";
    }

    private List<String> secrets(String prefix) {
        return secrets(prefix, "webhook-secret");
    }

    private List<String> secrets(String prefix, String name) {
        String value = environment.getProperty(prefix + "." + name, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
