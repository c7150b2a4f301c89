package io.orderhub.edi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What X12 partners have not acknowledged: {@code hub_edi_unacknowledged_documents{partner}}, the hub's 855, 856
 * and 810 still SENT (no 997 or 999 from the partner has named them), and
 * {@code hub_edi_oldest_unacknowledged_seconds{partner}}, how long the oldest has waited: what the "overdue 997"
 * alert (monitoring/prometheus/order-hub-alerts.yaml) watches. Read from the documents by routes/delivery-watch.yaml.
 */
public class EdiAcknowledgementWatch {

    private final EdiDocuments documents;
    private final Clock clock;
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();
    private final Map<String, Double> oldest = new ConcurrentHashMap<>();

    public EdiAcknowledgementWatch(MeterRegistry meters, EdiDocuments documents, Iterable<String> partners,
                                   Clock clock) {
        this.documents = documents;
        this.clock = clock;
        for (String partner : partners) {
            waiting.put(partner, 0L);
            oldest.put(partner, 0.0);
            register(meters, partner);
        }
    }

    private void register(MeterRegistry meters, String partner) {
        Gauge.builder("hub.edi.unacknowledged.documents", waiting, m -> m.getOrDefault(partner, 0L))
                .description("the hub's 855, 856 and 810 no 997 or 999 of the partner has acknowledged")
                .tag("partner", partner).register(meters);
        Gauge.builder("hub.edi.oldest.unacknowledged.seconds", oldest, m -> m.getOrDefault(partner, 0.0))
                .description("how long the oldest of them has waited").tag("partner", partner).register(meters);
    }

    public void refresh() {
        Map<String, EdiDocuments.Unacknowledged> now = new java.util.HashMap<>();
        documents.unacknowledged().forEach(u -> now.put(u.partner(), u));
        for (String partner : waiting.keySet()) {
            EdiDocuments.Unacknowledged u = now.get(partner);
            waiting.put(partner, u == null ? 0L : u.documents());
            oldest.put(partner, u == null ? 0.0 : Duration.between(u.oldest(), clock.instant()).toMillis() / 1000.0);
        }
    }
}
