package io.orderhub.api;

import io.orderhub.lifecycle.Destination;
import io.orderhub.operations.BulkJobs;
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

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    private final BulkJobs jobs;

    public DeliveriesController(DeliveryLedger ledger, ProducerTemplate producer, DeliveryMetrics metrics,
                                BulkJobs jobs) {
        this.ledger = ledger;
        this.producer = producer;
        this.metrics = metrics;
        this.jobs = jobs;
    }

    @GetMapping
    public DeliveryLedger.Page list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String destination,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String until,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        QueryParams.page(page, size, 200);
        return ledger.page(status(status), destination(destination), QueryParams.instant("since", since), QueryParams.instant("until", until),
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

    /**
     * {@code {"destination", "status": "DEAD", "since"?, "until"?}} or {@code {"keys": [...]}}: every matching
     * delivery is PENDING again at once, each once, and is sent in the background in pieces; 202 with how many and
     * the job that sends them ({@code GET /api/jobs/{jobId}}: counts done and left, also in the log).
     */
    @PostMapping("/retry")
    public ResponseEntity<Map<String, Object>> retryAll(@RequestBody RetryRequest request, Principal operator) {
        List<DeliveryRef> refs;
        String what;
        if (request.keys() != null && !request.keys().isEmpty()) {
            refs = request.keys().stream().distinct().map(ledger::retry).flatMap(Optional::stream).toList();
            what = refs.size() + " chosen deliveries";
        } else {
            Destination destination = destination(request.destination());
            if (destination == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "destination (or keys) is required, one of " + keys());
            }
            DeliveryLedger.Status status = status(request.status() == null ? "DEAD" : request.status());
            if (status == DeliveryLedger.Status.DELIVERED) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "a delivered delivery is not sent again");
            }
            refs = ledger.retryAll(destination, status, QueryParams.instant("since", request.since()),
                    QueryParams.instant("until", request.until()));
            what = status + " " + destination.key() + " deliveries";
        }
        BulkJobs.Progress job = jobs.start("retry", "retry of " + what, operator.getName(), refs, PUBLISH_BATCH,
                part -> {
                    publish(part);
                    return part.size();
                });
        return ResponseEntity.accepted().body(Map.of("retried", refs.size(), "job", job));
    }

    /** Which deliveries a bulk retry sends again: those named, or those of a destination and state. */
    public record RetryRequest(String destination, String status, String since, String until, List<String> keys) {
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
}
