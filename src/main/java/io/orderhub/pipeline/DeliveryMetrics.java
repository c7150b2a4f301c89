package io.orderhub.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.lifecycle.Destination;
import io.orderhub.store.Deliveries;
import io.orderhub.store.DeliveryLedger;
import io.orderhub.store.DeliveryRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What operations watch of the deliveries, in /actuator/prometheus: {@code hub_deliveries{destination,status}} (PENDING, DEAD),
 * {@code hub_deliveries_oldest_pending_seconds{destination}}, {@code hub_deliveries_last_success_age_seconds},
 * and {@code hub_deliveries_republished_total{destination,reason}} (sweep, operator). Refreshed from the ledger by
 * routes/delivery-watch.yaml, which also logs a WARN for a destination with deliveries pending and no success
 * for {@code hub.delivery.no-success-warning}.
 */
public class DeliveryMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final DeliveryLedger ledger;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration noSuccessWarning;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<Destination, Double> oldestPending = new ConcurrentHashMap<>();
    private final Map<Destination, Double> lastSuccessAge = new ConcurrentHashMap<>();
    private final Map<Destination, Instant> lastSuccess = new ConcurrentHashMap<>();
    private volatile Instant lastRead;

    public DeliveryMetrics(DeliveryLedger ledger, MeterRegistry meters, Clock clock, Duration noSuccessWarning) {
        this.ledger = ledger;
        this.meters = meters;
        this.clock = clock;
        this.noSuccessWarning = noSuccessWarning;
        for (Destination destination : Destination.values()) {
            // the open ones: counting every delivery ever made would read the whole ledger
            for (DeliveryLedger.Status status : List.of(DeliveryLedger.Status.PENDING, DeliveryLedger.Status.DEAD)) {
                String key = destination.key() + "/" + status;
                Gauge.builder("hub.deliveries", counts, c -> c.getOrDefault(key, 0L))
                        .description("deliveries pending or dead in the ledger, by destination and status")
                        .tags("destination", destination.key(), "status", status.name()).register(meters);
            }
            Gauge.builder("hub.deliveries.oldest.pending.seconds", oldestPending, m -> m.getOrDefault(destination, 0.0))
                    .description("age of the oldest delivery still pending, 0 when none")
                    .tag("destination", destination.key()).register(meters);
            Gauge.builder("hub.deliveries.last.success.age.seconds", lastSuccessAge,
                            m -> m.getOrDefault(destination, Double.NaN))
                    .description("time since the destination last acknowledged a delivery")
                    .tag("destination", destination.key()).register(meters);
        }
    }

    /**
     * Reads the ledger again; called every hub.delivery.metrics-interval. The open deliveries are counted afresh;
     * the last success per destination is carried over and moved on by the successes since the previous read
     * (the first read looks back hub.delivery.no-success-warning), so a read costs what changed, however many
     * deliveries the ledger holds.
     */
    public void refresh() {
        Instant now = Instant.now(clock);
        Map<Destination, Long> pending = new EnumMap<>(Destination.class);
        Map<Destination, Instant> pendingSince = new EnumMap<>(Destination.class);
        Map<String, Long> fresh = new ConcurrentHashMap<>();
        for (DeliveryLedger.Stat stat : ledger.stats()) {
            fresh.put(stat.destination().key() + "/" + stat.status(), stat.count());
            if (stat.status() == DeliveryLedger.Status.PENDING) {
                pending.put(stat.destination(), stat.count());
                pendingSince.put(stat.destination(), stat.oldest());
            }
        }
        // a success committed a little after its timestamp is still seen by the next read
        ledger.lastSuccesses(lastRead == null ? now.minus(noSuccessWarning) : lastRead.minusSeconds(60))
                .forEach((destination, at) -> lastSuccess.merge(destination, at, (a, b) -> a.isAfter(b) ? a : b));
        lastRead = now;
        counts.keySet().retainAll(fresh.keySet());
        counts.putAll(fresh);
        for (Destination destination : Destination.values()) {
            Instant since = pendingSince.get(destination);
            oldestPending.put(destination, since == null ? 0.0 : seconds(since, now));
            Instant success = lastSuccess.get(destination);
            if (success != null) {
                lastSuccessAge.put(destination, seconds(success, now));
            }
            warnWhenStuck(destination, pending.getOrDefault(destination, 0L), since, success, now);
        }
    }

    /** A republish the sweep or an operator made ({@code reason}: sweep, operator). */
    public void republished(Deliveries batch, String reason) {
        Map<Destination, Long> perDestination = new EnumMap<>(Destination.class);
        for (DeliveryRef ref : batch.deliveries()) {
            perDestination.merge(ref.destination(), 1L, Long::sum);
        }
        perDestination.forEach((destination, n) -> Counter.builder("hub.deliveries.republished")
                .description("deliveries published again").tags("destination", destination.key(), "reason", reason)
                .register(meters).increment(n));
    }

    private void warnWhenStuck(Destination destination, long pending, Instant pendingSince, Instant lastSuccess,
                               Instant now) {
        Instant limit = now.minus(noSuccessWarning);
        if (pending > 0 && pendingSince != null && pendingSince.isBefore(limit)
                && (lastSuccess == null || lastSuccess.isBefore(limit))) {
            LOG.warn("No delivery to {} has succeeded for {}: {} pending, the oldest since {} (GET /api/deliveries"
                            + "?status=PENDING&destination={})", destination.key(),
                    lastSuccess == null ? "ever" : Duration.between(lastSuccess, now).withNanos(0), pending,
                    pendingSince, destination.key());
        }
    }

    private static double seconds(Instant from, Instant now) {
        return Math.max(0, Duration.between(from, now).toMillis() / 1000.0);
    }
}
