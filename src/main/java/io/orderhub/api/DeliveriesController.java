package io.orderhub.api;

import io.orderhub.lifecycle.Destination;
import io.orderhub.pipeline.DeliveryMetrics;
import io.orderhub.store.Deliveries;
import io.orderhub.store.DeliveryLedger;
import io.orderhub.store.DeliveryRef;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deliveries across orders: list them by state and destination, and send again what ran out of retries or was
 * refused, one or in bulk. A retried delivery is PENDING again and goes out under a fresh broker duplicate id; the
 * receiver still sees the same Idempotency-Key, so a destination that had it already applies it once.
 */
@RestController
@RequestMapping("/api/deliveries")
public class DeliveriesController {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveriesController.class);
    /** Published in pieces, so a bulk retry of many thousands does not hold one huge exchange. */
    private static final int PUBLISH_BATCH = 500;

    private final DeliveryLedger ledger;
    private final ProducerTemplate producer;
    private final DeliveryMetrics metrics;

    public DeliveriesController(DeliveryLedger ledger, ProducerTemplate producer, DeliveryMetrics metrics) {
        this.ledger = ledger;
        this.producer = producer;
        this.metrics = metrics;
    }

    @GetMapping
    public DeliveryLedger.Page list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String destination,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String until,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size between 1 and 200");
        }
        return ledger.page(status(status), destination(destination), instant("since", since), instant("until", until),
                page, size);
    }

    @PostMapping("/{key}/retry")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable String key) {
        DeliveryRef ref = ledger.retry(key).orElseThrow(() -> ledger.isDone(key)
                ? new ApiException(HttpStatus.CONFLICT, "delivery " + key + " was delivered; nothing to send again")
                : new ApiException(HttpStatus.NOT_FOUND, "no delivery " + key));
        publish(List.of(ref));
        LOG.info("Delivery {} sent again by an operator", key);
        return ResponseEntity.accepted().body(Map.of("key", key, "status", "PENDING"));
    }

    /** {@code {"destination", "status": "DEAD", "since"?, "until"?}}: every matching delivery sent again, each once. */
    @PostMapping("/retry")
    public ResponseEntity<Map<String, Object>> retryAll(@RequestBody Map<String, String> request) {
        Destination destination = destination(request.get("destination"));
        if (destination == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "destination is required, one of " + keys());
        }
        DeliveryLedger.Status status = status(request.getOrDefault("status", "DEAD"));
        if (status == DeliveryLedger.Status.DELIVERED) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "a delivered delivery is not sent again");
        }
        List<DeliveryRef> refs = ledger.retryAll(destination, status, instant("since", request.get("since")),
                instant("until", request.get("until")));
        for (int from = 0; from < refs.size(); from += PUBLISH_BATCH) {
            publish(refs.subList(from, Math.min(refs.size(), from + PUBLISH_BATCH)));
            LOG.info("Bulk retry of {} {} deliveries: {} of {} sent again", status, destination.key(),
                    Math.min(refs.size(), from + PUBLISH_BATCH), refs.size());
        }
        return ResponseEntity.accepted().body(Map.of("retried", refs.size()));
    }

    private void publish(List<DeliveryRef> refs) {
        Deliveries.Batch batch = new Deliveries.Batch(refs, true);
        producer.sendBody("direct:fanout", batch);
        metrics.republished(batch, "operator");
    }

    private static DeliveryLedger.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeliveryLedger.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "status must be one of "
                    + Arrays.toString(DeliveryLedger.Status.values()));
        }
    }

    private static Destination destination(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(Destination.values()).filter(d -> d.key().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "destination must be one of " + keys()));
    }

    private static List<String> keys() {
        return Arrays.stream(Destination.values()).map(Destination::key).toList();
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, name + " must be an ISO-8601 instant (2026-11-27T09:00:00Z)");
        }
    }
}
