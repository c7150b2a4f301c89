package io.orderhub.security;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the passwords of the configured logins: {@code {bcrypt}...} hashes, and {@code {noop}...} passwords, which
 * are kept as a SHA-256 digest ({@code {sha256}...}) and compared in constant time. A BCrypt check costs about 50 ms
 * of CPU, and systems call the API statelessly, one check per request (measured: 20 orders/s). So the digest of a
 * password that passed a hash is remembered, one per hash: the next call with it is compared in constant time, and
 * any other password still goes through BCrypt.
 */
final class SecretEncoder implements PasswordEncoder {

    private static final String BCRYPT = "{bcrypt}";
    private static final String NOOP = "{noop}";
    private static final String SHA256 = "{sha256}";

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    /** What the user store keeps of a configured password; one without a prefix is a {noop} one. */
    String stored(String configured) {
        if (configured.startsWith(BCRYPT)) {
            return configured;
        }
        return encode(configured.startsWith(NOOP) ? configured.substring(NOOP.length()) : configured);
    }

    @Override
    public String encode(CharSequence raw) {
        return SHA256 + HexFormat.of().formatHex(digest(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        if (encoded.startsWith(SHA256)) {
            return MessageDigest.isEqual(digest(raw), HexFormat.of().parseHex(encoded.substring(SHA256.length())));
        }
        if (!encoded.startsWith(BCRYPT)) {
            return false;
        }
        byte[] digest = digest(raw);
        byte[] known = verified.get(encoded);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        boolean matches = bcrypt.matches(raw, encoded.substring(BCRYPT.length()));
        if (matches) {
            verified.put(encoded, digest);
        }
        return matches;
    }

    private static byte[] digest(CharSequence raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
