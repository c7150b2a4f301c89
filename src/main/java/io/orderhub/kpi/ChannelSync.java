package io.orderhub.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.privacy.PersonalData;
import io.orderhub.store.ChannelCursors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each channel's synchronisation as operations see it (GET /api/channels/sync, the console): its cursors and their
 * age, its last poll and whether it worked, the last error of a poll, and when an order of it was last stored with
 * what lag. In /actuator/prometheus: {@code hub_channel_last_poll_age_seconds{channel}} and
 * {@code hub_channel_polls_total{channel,result}} for the polled channels, {@code hub_channel_cursor_age_seconds
 * {channel,account}} (the channel's newest change the hub has stored, against now). Polls are known since the
 * hub started; the cursors are read from the store.
 */
public class ChannelSync {

    private final MeterRegistry meters;
    private final ChannelCursors cursors;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Double> cursorAges = new ConcurrentHashMap<>();

    public ChannelSync(MeterRegistry meters, ChannelCursors cursors, Clock clock) {
        this.meters = meters;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** A poll of the channel ended: {@code failure} null when it worked. */
    public void polled(String channel, Throwable failure) {
        Instant now = Instant.now(clock);
        State state = state(channel, true);
        synchronized (state) {
            state.lastPollAt = now;
            state.lastPollOk = failure == null;
            if (failure != null) {
                state.lastErrorAt = now;
                state.lastError = PersonalData.text(String.valueOf(failure.getMessage() == null
                        ? failure.getClass().getSimpleName() : failure.getMessage()));
            }
        }
        meters.counter("hub.channel.polls", "channel", channel, "result", failure == null ? "ok" : "failed")
                .increment();
    }

    /** An order (or a change of one) of the channel was stored, {@code lag} after the channel changed it. */
    void stored(String channel, Instant at, Duration lag) {
        State state = state(channel, false);
        synchronized (state) {
            state.lastStoredAt = at;
            state.lastLag = lag;
        }
    }

    /** Reads the cursors again for their gauges; called with the delivery metrics (routes/delivery-watch.yaml). */
    public void refresh() {
        Instant now = Instant.now(clock);
        for (ChannelCursors.Cursor cursor : cursors.all()) {
            String key = cursor.channel() + "/" + cursor.account();
            if (cursorAges.put(key, age(cursor.value(), now)) == null) {
                Gauge.builder("hub.channel.cursor.age.seconds", cursorAges, m -> m.getOrDefault(key, Double.NaN))
                        .description("how far behind now the newest change the hub stored of the channel is")
                        .tags("channel", cursor.channel(), "account", cursor.account()).register(meters);
            }
        }
    }

    /** Every channel that has a cursor, polled or stored an order, by name. */
    public List<Sync> all() {
        Instant now = Instant.now(clock);
        Map<String, Sync> byChannel = new TreeMap<>();
        Collection<ChannelCursors.Cursor> all = cursors.all();
        for (String channel : states.keySet()) {
            byChannel.put(channel, sync(channel, all, now));
        }
        for (ChannelCursors.Cursor cursor : all) {
            byChannel.computeIfAbsent(cursor.channel(), c -> sync(c, all, now));
        }
        return List.copyOf(byChannel.values());
    }

    private Sync sync(String channel, Collection<ChannelCursors.Cursor> all, Instant now) {
        List<CursorAge> own = all.stream().filter(c -> c.channel().equals(channel))
                .map(c -> new CursorAge(c.account(), c.value(), age(c.value(), now), c.updatedAt())).toList();
        State state = states.getOrDefault(channel, new State(false));
        synchronized (state) {
            return new Sync(channel, state.polled, own, state.lastPollAt, state.lastPollAt == null ? null
                    : state.lastPollOk, state.lastError, state.lastErrorAt, state.lastStoredAt,
                    state.lastLag == null ? null : state.lastLag.toMillis() / 1000.0);
        }
    }

    private State state(String channel, boolean polled) {
        State state = states.computeIfAbsent(channel, c -> new State(polled));
        if (polled && !state.polled) {
            state.polled = true;
        }
        if (polled && state.gauge == null) {
            synchronized (state) {
                if (state.gauge == null) {
                    state.gauge = Gauge.builder("hub.channel.last.poll.age.seconds", state,
                                    s -> s.lastPollAt == null ? Double.NaN : age(s.lastPollAt, Instant.now(clock)))
                            .description("time since the channel's last poll ended, worked or not")
                            .tag("channel", channel).register(meters);
                }
            }
        }
        return state;
    }

    private static double age(String cursor, Instant now) {
        try {
            return age(Instant.parse(cursor), now);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double age(Instant at, Instant now) {
        return Math.max(0, Duration.between(at, now).toMillis() / 1000.0);
    }

    private static final class State {
        private volatile boolean polled;
        private volatile Gauge gauge;
        private Instant lastPollAt;
        private boolean lastPollOk;
        private String lastError;
        private Instant lastErrorAt;
        private Instant lastStoredAt;
        private Duration lastLag;

        private State(boolean polled) {
            this.polled = polled;
        }
    }

    /** A cursor of the channel: the channel's newest change stored, how old it is, when it last moved. */
    public record CursorAge(String account, String value, double ageSeconds, Instant movedAt) {
    }

    /**
     * One channel's state. {@code polled}: the hub polls it (the others push: webhooks, Kafka, the portal's queue,
     * SFTP); {@code lastLagSeconds}: how long after the channel changed it the last order stored was stored.
     */
    public record Sync(String channel, boolean polled, List<CursorAge> cursors, Instant lastPollAt, Boolean lastPollOk,
                       String lastError, Instant lastErrorAt, Instant lastStoredAt, Double lastLagSeconds) {
    }
}
