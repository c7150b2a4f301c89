package io.orderhub.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.HubProperties;
import io.orderhub.store.WebhookDeliveries;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * POST /webhooks/{channel}: a channel's own webhook delivery. The signature is the authentication: it is checked
 * on the raw bytes before anything is parsed, and a missing or wrong one gets 401 with nothing stored. A valid
 * delivery goes through the same ingest as a poll, so a webhook and a poll of one order give one order; the
 * channel gets its 2xx only once the order is stored. A signed delivery cannot be replayed: one stamped
 * (webhook-timestamp-header) outside hub.webhooks.replay-window is refused, and one whose delivery id
 * (webhook-delivery-header) was taken already is answered 200 and not taken again.
 */
@RestController
public class WebhooksController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhooksController.class);
    /** How far ahead of this clock a channel's clock may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final WebhookSignatures signatures;
    private final ChannelIngest ingest;
    private final MeterRegistry meters;
    private final WebhookDeliveries deliveries;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final Duration replayWindow;

    public WebhooksController(WebhookSignatures signatures, ChannelIngest ingest, MeterRegistry meters,
                              WebhookDeliveries deliveries, Clock clock, HubProperties hub) {
        this.signatures = signatures;
        this.ingest = ingest;
        this.meters = meters;
        this.deliveries = deliveries;
        this.clock = clock;
        this.maxPayloadBytes = hub.ingest().maxPayloadBytes();
        this.replayWindow = hub.webhooks().replayWindow();
    }

    @PostMapping("/webhooks/{channel}")
    public ResponseEntity<?> receive(@PathVariable String channel, HttpServletRequest request) throws IOException {
        ingest.requireChannel(channel);
        if (!signatures.configured(channel)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no webhook is configured for channel '" + channel + "'");
        }
        byte[] body = request.getInputStream().readNBytes(maxPayloadBytes + 1);
        if (body.length > maxPayloadBytes) {
            long length = request.getContentLengthLong() > 0 ? request.getContentLengthLong() : body.length;
            throw ingest.oversize(channel, ingest.defaultAccount(channel), "webhook", length,
                    new String(body, 0, Math.min(64 * 1024, body.length), StandardCharsets.UTF_8), maxPayloadBytes);
        }
        if (isPing(body)) {
            // WooCommerce posts {"webhook_id":N} (or webhook_id=N) unsigned when a webhook is saved: it must get
            // a 2xx, or Woo will not activate the webhook; it carries no order, so nothing is stored.
            return ResponseEntity.ok(Map.of("orderIds", List.of(), "ping", true));
        }
        String problem = signatures.problem(channel, request.getHeader(signatures.header(channel)), body);
        if (problem != null) {
            throw refused(channel, request, problem, "webhook signature missing or invalid");
        }
        String stale = outsideWindow(channel, request);
        if (stale != null) {
            throw refused(channel, request, stale, "webhook timestamp outside the replay window");
        }
        String deliveryHeader = signatures.deliveryHeader(channel);
        String deliveryId = deliveryHeader == null ? null : request.getHeader(deliveryHeader);
        if (deliveryId != null && deliveries.taken(channel, deliveryId)) {
            meters.counter("hub.webhooks.replayed", "channel", channel).increment();
            return ResponseEntity.ok(Map.of("orderIds", List.of(), "duplicate", deliveryId));
        }
        String account = ingest.defaultAccount(channel);
        // 202 once the payload is stored or kept in the error store: a channel answered 4xx or 5xx retries the same
        // bytes, which cannot succeed, and then disables the subscription (Shopify, WooCommerce)
        ResponseEntity<?> answer = ChannelOrdersController.accepted(ingest.ingest(channel, account, "webhook", body));
        if (deliveryId != null && answer.getStatusCode().is2xxSuccessful()) {
            deliveries.record(channel, deliveryId);
        }
        return answer;
    }

    /** Why the delivery's own timestamp is outside the replay window (or not a time), or null when it is not. */
    private String outsideWindow(String channel, HttpServletRequest request) {
        String header = signatures.timestampHeader(channel);
        String value = header == null ? null : request.getHeader(header);
        if (value == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(value.trim()).toInstant();
            Instant now = clock.instant();
            return at.isBefore(now.minus(replayWindow)) || at.isAfter(now.plus(CLOCK_SKEW))
                    ? header + " " + value + " is outside " + replayWindow + " of now" : null;
        } catch (DateTimeParseException e) {
            return header + " is not a time: " + value;
        }
    }

    private ApiException refused(String channel, HttpServletRequest request, String why, String answer) {
        meters.counter("hub.webhooks.rejected", "channel", channel).increment();
        LOG.warn("Refused a {} webhook from {}: {}", channel, request.getRemoteAddr(), why);
        return new ApiException(HttpStatus.UNAUTHORIZED, answer);
    }

    private static boolean isPing(byte[] body) {
        return body.length < 64 && new String(body, StandardCharsets.US_ASCII).trim()
                .matches("\\{\\s*\"webhook_id\"\\s*:\\s*\\d+\\s*}|webhook_id=\\d+");
    }
}
