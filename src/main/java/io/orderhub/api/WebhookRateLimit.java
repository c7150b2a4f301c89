package io.orderhub.api;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook paths take no credential before the body is read, so one client (by remote address) may send at most
 * {@code hub.webhooks.per-client-per-minute} requests a minute, in a bucket that refills evenly; past that it gets
 * 429 with Retry-After, before its body is read, and the API's threads stay free for everyone else. The channels
 * retry a 429 (Shopify and WooCommerce do), so a burst is delayed, not lost.
 */
public class WebhookRateLimit extends OncePerRequestFilter {

    /** Buckets kept at most; past this, those full again (idle clients) are forgotten. */
    private static final int MAX_CLIENTS = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public WebhookRateLimit(int perMinute, Clock clock, MeterRegistry meters) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.full(now));
        }
        Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), k -> new Bucket(perMinute, now));
        if (!bucket.take(now)) {
            meters.counter("hub.webhooks.throttled").increment();
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"too many webhook requests from this client: at most "
                    + perMinute + " a minute\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Tokens refill evenly, {@code perMinute} a minute, up to {@code perMinute}. */
    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private long at;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.at = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - at) * capacity / 60_000.0);
            at = now;
        }
    }
}
