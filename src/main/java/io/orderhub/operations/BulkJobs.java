package io.orderhub.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * An operator's long work (a group of errors replayed, thousands of deliveries retried) done in the background, one
 * job at a time, so the request that started it answers at once and the console and the log can say how far it got.
 * Jobs are kept in memory: a restart forgets them, not their effect (each item's state is in the store).
 */
public class BulkJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkJobs.class);
    private static final int KEPT = 100;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** {@code left}: items not yet done; {@code failed}: done without success, the last reason in lastError. */
    public record Progress(String jobId, String kind, String description, String startedBy, Instant startedAt,
                           State state, int total, int done, int succeeded, int failed, int left, String lastError,
                           Instant finishedAt) {
    }

    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "hub-bulk-jobs");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEPT;
        }
    };

    public BulkJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * Queues the work: {@code work} is given the items a batch at a time and answers how many of them succeeded;
     * an exception fails the whole batch, with its message kept, and the job goes on with the next one.
     */
    public <T> Progress start(String kind, String description, String startedBy, List<T> items, int batch,
                              ToIntFunction<List<T>> work) {
        Job job = new Job("job-" + UUID.randomUUID(), kind, description, startedBy, clock.instant(), items.size());
        synchronized (jobs) {
            jobs.put(job.id, job);
        }
        LOG.info("Bulk {} {} started by {}: {} ({} items)", kind, job.id, startedBy, description, items.size());
        worker.execute(() -> run(job, List.copyOf(items), Math.max(1, batch), work));
        return job.progress();
    }

    private <T> void run(Job job, List<T> items, int batch, ToIntFunction<List<T>> work) {
        job.state = State.RUNNING;
        Instant lastLog = clock.instant();
        try {
            for (int from = 0; from < items.size(); from += batch) {
                List<T> part = items.subList(from, Math.min(items.size(), from + batch));
                int ok;
                try {
                    ok = Math.min(part.size(), Math.max(0, work.applyAsInt(part)));
                } catch (RuntimeException e) {
                    ok = 0;
                    job.lastError = e.getMessage();
                }
                job.record(part.size(), ok);
                if (Duration.between(lastLog, clock.instant()).compareTo(LOG_EVERY) >= 0) {
                    lastLog = clock.instant();
                    log(job);
                }
            }
            job.finish(State.DONE, clock.instant());
        } catch (RuntimeException | Error e) {
            job.lastError = e.toString();
            job.finish(State.FAILED, clock.instant());
            throw e;
        } finally {
            log(job);
        }
    }

    private static void log(Job job) {
        Progress p = job.progress();
        LOG.info("Bulk {} {}: {} of {} done, {} left ({} succeeded, {} failed){}", p.kind(), p.jobId(), p.done(),
                p.total(), p.left(), p.succeeded(), p.failed(), p.state() == State.RUNNING ? "" : ", " + p.state());
    }

    public Optional<Progress> find(String jobId) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(jobId)).map(Job::progress);
        }
    }

    /** The jobs kept, newest first. */
    public List<Progress> recent() {
        List<Progress> all = new ArrayList<>();
        synchronized (jobs) {
            jobs.values().forEach(job -> all.add(0, job.progress()));
        }
        return all;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static final class Job {
        final String id;
        final String kind;
        final String description;
        final String startedBy;
        final Instant startedAt;
        final int total;
        volatile State state = State.QUEUED;
        volatile int done;
        volatile int succeeded;
        volatile String lastError;
        volatile Instant finishedAt;

        Job(String id, String kind, String description, String startedBy, Instant startedAt, int total) {
            this.id = id;
            this.kind = kind;
            this.description = description;
            this.startedBy = startedBy;
            this.startedAt = startedAt;
            this.total = total;
        }

        synchronized void record(int items, int ok) {
            done += items;
            succeeded += ok;
        }

        synchronized void finish(State end, Instant at) {
            state = end;
            finishedAt = at;
        }

        synchronized Progress progress() {
            return new Progress(id, kind, description, startedBy, startedAt, state, total, done, succeeded,
                    done - succeeded, total - done, lastError, finishedAt);
        }
    }
}
