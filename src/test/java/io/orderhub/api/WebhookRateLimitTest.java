package io.orderhub.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One client flooding the webhook paths gets 429 past its share; other clients, and the same one a little later, do not. */
class WebhookRateLimitTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WebhookRateLimit limit = new WebhookRateLimit(60, clock, meters);

    @Test
    void aFloodingClientIsAnswered429PastItsShareAndOthersAreNot() throws Exception {
        for (int i = 0; i < 60; i++) {
            assertThat(post("10.0.0.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = post("10.0.0.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("at most 60 a minute");
        assertThat(post("10.0.0.2").getStatus()).as("another client").isEqualTo(200);

        millis.addAndGet(1_000); // a minute's share refills evenly: one request a second here
        assertThat(post("10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(post("10.0.0.1").getStatus()).isEqualTo(429);
        assertThat(meters.counter("hub.webhooks.throttled").count()).isEqualTo(2);
    }

    private MockHttpServletResponse post(String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/shopify");
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        limit.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(200);
        }
        return response;
    }
}
