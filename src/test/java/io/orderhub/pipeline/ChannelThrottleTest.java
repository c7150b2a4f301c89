package io.orderhub.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelThrottleTest {

    private final List<Long> slept = new ArrayList<>();
    private final ChannelThrottle throttle = new ChannelThrottle(slept::add);

    @Test
    void aPageIsProcessedAndTheAttemptsStartOver() throws Exception {
        Exchange exchange = answer(200, null);
        exchange.setProperty(ChannelThrottle.ATTEMPT, 3);
        assertThat(throttle.afterCall(exchange, "shopify", 5)).isTrue();
        assertThat(exchange.getProperty(ChannelThrottle.ATTEMPT, Integer.class)).isZero();
        assertThat(slept).isEmpty();
    }

    @Test
    void a429WaitsWhatRetryAfterSaysAndAsksAgain() throws Exception {
        Exchange exchange = answer(429, "3");
        assertThat(throttle.afterCall(exchange, "shopify", 5)).isFalse();
        assertThat(slept).containsExactly(3000L);
        assertThat(exchange.getProperty(ChannelThrottle.ATTEMPT, Integer.class)).isEqualTo(1);
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String inFiveSeconds = ZonedDateTime.now().plusSeconds(5).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(ChannelThrottle.retryAfter(inFiveSeconds)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(ChannelThrottle.retryAfter(null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ChannelThrottle.retryAfter("600")).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void fiveHundredsBackOffExponentiallyThenGiveUpWithoutSkipping() throws Exception {
        Exchange exchange = answer(503, null);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.afterCall(exchange, "woocommerce", 3)).isFalse();
        }
        assertThat(slept).containsExactly(500L, 1000L, 2000L);
        assertThatThrownBy(() -> throttle.afterCall(exchange, "woocommerce", 3))
                .isInstanceOf(ChannelThrottle.ChannelUnavailableException.class)
                .hasMessageContaining("woocommerce answered 503 4 times in a row");
    }

    @Test
    void aRefusedRequestFailsAtOnceWithTheChannelsWords() {
        Exchange exchange = answer(401, null);
        exchange.getMessage().setBody("{\"errors\":\"Invalid API key\"}");
        assertThatThrownBy(() -> throttle.afterCall(exchange, "shopify", 5))
                .isInstanceOf(ChannelThrottle.ChannelRequestException.class)
                .hasMessage("shopify answered 401: {\"errors\":\"Invalid API key\"}");
        assertThat(slept).isEmpty();
    }

    @Test
    void aNearlyFullCallLimitPausesAndAnAdvertisedRateSpacesCalls() throws Exception {
        Exchange full = answer(200, null);
        full.getMessage().setHeader("X-Shopify-Shop-Api-Call-Limit", "36/40");
        throttle.afterCall(full, "shopify", 5);
        assertThat(slept).containsExactly(1000L);

        Exchange amazon = answer(200, null);
        amazon.getMessage().setHeader("x-amzn-RateLimit-Limit", "0.5");
        throttle.afterCall(amazon, "amazon", 5);
        assertThat(slept).hasSize(2);
        assertThat(slept.get(1)).isBetween(1500L, 2000L);
    }

    private static Exchange answer(int status, String retryAfter) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("Retry-After", retryAfter);
        return exchange;
    }
}
