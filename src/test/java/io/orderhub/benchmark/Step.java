package io.orderhub.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One measured step: what was offered, how many orders got to all four destinations, at what sustained rate
 * (orders through ÷ the time from the first order's scheduled send to the last one's last delivery), the latency
 * of each from its scheduled send to its last destination, and the hub's CPU per order.
 */
record Step(double offered, int sent, int completed, double spanSeconds, double p50Ms, double p95Ms, double p99Ms,
            double maxMs, double cpuMsPerOrder, long refused, double lateSeconds) {

    static Step of(List<OpenLoad.Sent> sent, List<Long> completedAt, double offered, long cpuMillis, long refused,
                   double lateSeconds) {
        List<Double> latencies = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < sent.size(); i++) {
            first = Math.min(first, sent.get(i).scheduledNanos());
            long done = completedAt.get(i);
            if (done != 0) {
                last = Math.max(last, done);
                latencies.add((done - sent.get(i).scheduledNanos()) / 1e6);
            }
        }
        Collections.sort(latencies);
        int n = latencies.size();
        double span = n == 0 ? 0 : (last - first) / 1e9;
        return new Step(offered, sent.size(), n, span, quantile(latencies, 0.50), quantile(latencies, 0.95),
                quantile(latencies, 0.99), n == 0 ? 0 : latencies.get(n - 1), n == 0 ? 0 : (double) cpuMillis / n,
                refused, lateSeconds);
    }

    double sustained() {
        return spanSeconds == 0 ? 0 : completed / spanSeconds;
    }

    ObjectNode json(ObjectMapper json) {
        return json.createObjectNode().put("offeredPerSecond", offered).put("sent", sent).put("orders", completed)
                .put("ordersPerSecond", round(sustained())).put("p50Ms", round(p50Ms)).put("p95Ms", round(p95Ms))
                .put("p99Ms", round(p99Ms)).put("maxMs", round(maxMs)).put("cpuMsPerOrder", round(cpuMsPerOrder))
                .put("refused", refused).put("generatorLateSeconds", round(lateSeconds));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d of %d through at %.1f/s over %.1f s; latency p50 %.0f p95 %.0f p99 %.0f"
                        + " max %.0f ms; hub CPU %.2f ms/order; refused %d", completed, sent, sustained(), spanSeconds,
                p50Ms, p95Ms, p99Ms, maxMs, cpuMsPerOrder, refused);
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
