package io.orderhub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * What a caller without a login gets: 401, with a Basic challenge for a program. A browser is never asked for Basic
 * credentials (the console sends it to the login form instead, see SecurityConfiguration), so it never keeps any
 * that another site could make it send along: the API and Jolokia take Basic without a CSRF token. A login whose
 * roles do not allow the call gets 403, saying so.
 */
final class HubEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** A browser opening a page, as opposed to a program or a page's script. */
    static boolean isBrowser(HttpServletRequest request) {
        return String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains(MediaType.TEXT_HTML_VALUE);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!isBrowser(request)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"order-hub\"");
        }
        answer(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        answer(response, HttpServletResponse.SC_FORBIDDEN, "forbidden: this login's roles and scopes do not allow "
                + request.getMethod() + " " + request.getRequestURI() + " (README, \"Security\")");
    }

    private static void answer(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"" + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
