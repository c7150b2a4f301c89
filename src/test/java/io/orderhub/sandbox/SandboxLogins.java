package io.orderhub.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The sandbox's logins (application-sandbox.yaml), and which one a real caller of an API path would use: a system
 * posts orders, status, stock and tracking (the integration login), people do the rest (the admin login, which
 * includes the operator and the viewer).
 */
public final class SandboxLogins {

    public static final String INTEGRATION = "hub:hub-sandbox";
    public static final String OPERATOR = "ops:ops-sandbox";
    public static final String ADMIN = "admin:admin-sandbox";
    public static final String VIEWER = "viewer:viewer-sandbox";
    public static final String METRICS = "prometheus:prometheus-sandbox";

    private static final Pattern SYSTEM_PATHS = Pattern.compile(
            "^/api/(channels/[^/]+/orders|carriers/[^/]+/tracking|stock($|\\?)|orders/[^/]+/status)");

    private SandboxLogins() {
    }

    /** The login for a call: reads as the admin, writes as whoever makes that write. */
    public static String forCall(String method, String path) {
        return !"GET".equals(method) && SYSTEM_PATHS.matcher(path).find() ? INTEGRATION : ADMIN;
    }

    /** An Authorization header's value for a login of this class. */
    public static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }
}
