package io.orderhub.pipeline;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Slows a channel poller down instead of failing it. Each source Kamelet calls {@link #afterCall} right after its
 * HTTP request (made with throwExceptionOnFailure=false) and goes on with the page only when it answers true:
 * <ul>
 *   <li>a 429 waits what Retry-After says (seconds or an HTTP date), a 5xx waits with exponential backoff,
 *   and the caller asks for the same page again, so nothing is skipped;</li>
 *   <li>after {@code maxRetries} in a row the poll gives up with {@link ChannelUnavailableException}: its cursor
 *   stays where it was and the next poll starts there;</li>
 *   <li>any other non-2xx answer (401, 403, 400) fails the poll at once with the channel's own words;</li>
 *   <li>throttle headers of a good answer pace the poller: Shopify's call limit ("32/40") pauses at 80%,
 *   Amazon's x-amzn-RateLimit-Limit (requests per second) waits one interval of that rate before the next call.</li>
 * </ul>
 */
public class ChannelThrottle {

    public static final String ATTEMPT = "hubFetchAttempt";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelThrottle.class);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final Sleeper sleeper;

    public ChannelThrottle() {
        this(Thread::sleep);
    }

    ChannelThrottle(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /**
     * @return true when the answer is a page to process; false after waiting, when the same request must be
     * made again
     */
    public boolean afterCall(Exchange exchange, String channel, int maxRetries) throws InterruptedException {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int attempt = exchange.getProperty(ATTEMPT, 0, Integer.class);
        if (status != null && status >= 200 && status < 300) {
            exchange.setProperty(ATTEMPT, 0);
            pace(channel, exchange.getMessage().getHeader("X-Shopify-Shop-Api-Call-Limit", String.class),
                    exchange.getMessage().getHeader("x-amzn-RateLimit-Limit", String.class));
            return true;
        }
        if (status != null && status != 429 && status < 500) {
            throw new ChannelRequestException(channel + " answered " + status + ": "
                    + exchange.getMessage().getBody(String.class));
        }
        String what = status == null ? "no answer" : String.valueOf(status);
        if (attempt >= maxRetries) {
            throw new ChannelUnavailableException(channel + " answered " + what + " " + (attempt + 1)
                    + " times in a row; the poll stops here and its cursor stays where it was");
        }
        Duration wait = status != null && status == 429
                ? retryAfter(exchange.getMessage().getHeader("Retry-After", String.class))
                : Duration.ofMillis(500L << Math.min(attempt, 6));
        wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        LOG.info("{} answered {}: waiting {} ms before asking for the same page again (retry {} of {})", channel,
                what, wait.toMillis(), attempt + 1, maxRetries);
        sleeper.sleep(wait.toMillis());
        exchange.setProperty(ATTEMPT, attempt + 1);
        return false;
    }

    private void pace(String channel, String callLimit, String ratePerSecond) throws InterruptedException {
        if (ratePerSecond != null) {
            try {
                double rate = Double.parseDouble(ratePerSecond.trim());
                if (rate > 0) {
                    sleeper.sleep(Math.min((long) (1000 / rate), LONGEST_WAIT.toMillis()));
                }
            } catch (NumberFormatException e) {
                LOG.debug("unreadable rate-limit header {}", ratePerSecond);
            }
        }
        if (callLimit != null && callLimit.contains("/")) {
            try {
                String[] parts = callLimit.split("/");
                double used = Double.parseDouble(parts[0].trim());
                double limit = Double.parseDouble(parts[1].trim());
                if (limit > 0 && used / limit >= 0.8) {
                    LOG.info("{} call limit at {}: pausing 1 s to let the bucket drain", channel, callLimit);
                    sleeper.sleep(1000);
                }
            } catch (NumberFormatException e) {
                LOG.debug("unreadable call-limit header {}", callLimit);
            }
        }
    }

    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(2);
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return Duration.ofSeconds(2);
            }
        }
    }

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** The channel kept failing or throttling: the poll ends without moving its cursor. */
    public static class ChannelUnavailableException extends RuntimeException {
        public ChannelUnavailableException(String message) {
            super(message);
        }
    }

    /** The channel refused the request itself (credentials, parameters): retrying the same call cannot help. */
    public static class ChannelRequestException extends RuntimeException {
        public ChannelRequestException(String message) {
            super(message);
        }
    }
}
