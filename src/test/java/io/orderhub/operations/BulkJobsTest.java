package io.orderhub.operations;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BulkJobsTest {

    @Test
    void aJobCountsWhatIsDoneAndLeftAndGoesOnPastAFailedBatch() {
        try (BulkJobs jobs = new BulkJobs(Clock.systemUTC())) {
            List<Integer> items = IntStream.rangeClosed(1, 25).boxed().toList();
            List<List<Integer>> seen = new ArrayList<>();
            BulkJobs.Progress started = jobs.start("retry", "retry of 25", "ops", items, 10, part -> {
                seen.add(part);
                if (part.contains(15)) {
                    throw new IllegalStateException("destination refused");
                }
                return part.size();
            });

            assertThat(started.total()).isEqualTo(25);
            assertThat(started.left()).isEqualTo(25 - started.done());
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    jobs.find(started.jobId()).orElseThrow().state() == BulkJobs.State.DONE);
            BulkJobs.Progress done = jobs.find(started.jobId()).orElseThrow();
            assertThat(done.done()).isEqualTo(25);
            assertThat(done.left()).isZero();
            assertThat(done.succeeded()).isEqualTo(15);
            assertThat(done.failed()).isEqualTo(10);
            assertThat(done.lastError()).isEqualTo("destination refused");
            assertThat(done.startedBy()).isEqualTo("ops");
            assertThat(seen).extracting(List::size).containsExactly(10, 10, 5);
            assertThat(jobs.recent()).extracting(BulkJobs.Progress::jobId).containsExactly(started.jobId());
        }
    }

    @Test
    void jobsRunOneAfterTheOtherNewestListedFirst() {
        try (BulkJobs jobs = new BulkJobs(Clock.systemUTC())) {
            BulkJobs.Progress first = jobs.start("replay", "first", "ops", List.of("a", "b"), 1, part -> 1);
            BulkJobs.Progress second = jobs.start("replay", "second", "ops", List.of("c"), 1, part -> 0);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    jobs.find(second.jobId()).orElseThrow().state() == BulkJobs.State.DONE);
            assertThat(jobs.find(first.jobId()).orElseThrow().state()).isEqualTo(BulkJobs.State.DONE);
            assertThat(jobs.find(second.jobId()).orElseThrow().failed()).isEqualTo(1);
            assertThat(jobs.recent()).extracting(BulkJobs.Progress::description).containsExactly("second", "first");
        }
    }
}
