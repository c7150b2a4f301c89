package io.orderhub.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The KPIs of the last hours, for the console's small charts: every interval it reads the same meters
 * /actuator/prometheus shows (OrderKpis, DeliveryMetrics) and keeps what changed in it. Prometheus keeps the long
 * history; this keeps {@code hub.kpi.history} in memory, from the start of the process.
 */
public class KpiHistory implements AutoCloseable {

    /**
     * One interval: orders read (whatever the store made of them) and error-store entries made in it, the share of
     * input refused (errors over both; null when nothing came), the mean
     * processing time (intake to the warehouse's acceptance) and channel sync lag of the orders it measured (null
     * when none), and the deliveries pending and dead and the oldest pending one at its end.
     */
    public record Point(Instant at, long received, long errors, Double errorRate, Double processingSeconds,
                        Double syncLagSeconds, long pending, long dead, double oldestPendingSeconds) {
    }

    public record Series(long intervalSeconds, List<Point> points) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration interval;
    private final int kept;
    private final Deque<Point> points = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hub-kpi-history");
        thread.setDaemon(true);
        return thread;
    });
    private Totals last;

    public KpiHistory(MeterRegistry meters, Clock clock, Duration interval, Duration history) {
        this.meters = meters;
        this.clock = clock;
        this.interval = interval;
        this.kept = (int) Math.max(1, history.toMillis() / interval.toMillis());
    }

    public void start() {
        last = totals();
        timer.scheduleAtFixedRate(this::sample, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the meters now and keeps what changed since the last reading. */
    public synchronized void sample() {
        Totals now = totals();
        Totals before = last == null ? now : last;
        last = now;
        long received = now.received - before.received;
        long errors = now.errors - before.errors;
        points.addLast(new Point(clock.instant(), received, errors, received + errors == 0 ? null
                : (double) errors / (received + errors),
                mean(now.processingSeconds - before.processingSeconds, now.processed - before.processed),
                mean(now.lagSeconds - before.lagSeconds, now.lagged - before.lagged), now.pending, now.dead,
                now.oldestPending));
        while (points.size() > kept) {
            points.removeFirst();
        }
    }

    public synchronized Series series() {
        return new Series(interval.toSeconds(), new ArrayList<>(points));
    }

    private static Double mean(double seconds, long count) {
        return count <= 0 ? null : seconds / count;
    }

    private Totals totals() {
        long received = (long) meters.find("hub.orders.received").counters().stream().mapToDouble(Counter::count).sum();
        long errors = (long) meters.find("hub.order.errors").counters().stream().mapToDouble(Counter::count).sum();
        var processing = meters.find("hub.order.processing").tag("from", "intake").timers();
        var lag = meters.find("hub.channel.sync.lag").timers();
        return new Totals(received, errors,
                processing.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS) / 1000.0).sum(),
                processing.stream().mapToLong(Timer::count).sum(),
                lag.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS) / 1000.0).sum(),
                lag.stream().mapToLong(Timer::count).sum(),
                (long) meters.find("hub.deliveries").tag("status", "PENDING").gauges().stream()
                        .mapToDouble(Gauge::value).sum(),
                (long) meters.find("hub.deliveries").tag("status", "DEAD").gauges().stream()
                        .mapToDouble(Gauge::value).sum(),
                meters.find("hub.deliveries.oldest.pending.seconds").gauges().stream().mapToDouble(Gauge::value)
                        .max().orElse(0));
    }

    private record Totals(long received, long errors, double processingSeconds, long processed, double lagSeconds,
                          long lagged, long pending, long dead, double oldestPending) {
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
