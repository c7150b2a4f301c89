package io.orderhub.canonical;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hub order ids are derived, not allocated: the same (channel, account, channelOrderId) always gives the same id,
 * so a webhook, a poll and a replay of one order converge before the store is even asked.
 */
public final class OrderIds {

    private OrderIds() {
    }

    public static String orderId(String channel, String account, String channelOrderId) {
        String digest = sha256(channel + '\u0000' + account + '\u0000' + channelOrderId);
        return channel + "-" + digest.substring(0, 16);
    }

    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
