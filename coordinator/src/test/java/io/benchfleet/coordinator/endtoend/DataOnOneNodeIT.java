package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures that may be the worker node's rather than the task's, with the fake trainer: a node without the
 * sweep's data (its trainer reports DATA_UNAVAILABLE where the worker node's environment says so) and a
 * trainer out of memory.
 */
class DataOnOneNodeIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private static final String NO_DATA = "FAKE_TRAINER_NO_DATA";
    private static final String UNLESS_DATA = "if-set " + NO_DATA + " fail DATA_UNAVAILABLE";

    @TempDir
    Path dir;

    @Test
    void everyTaskSucceedsOnTheNodeThatHasTheDataWhenTheOtherLacksIt() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int withoutPort = Benchfleet.freePort();
        int withPort = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * " + UNLESS_DATA, "2 * " + UNLESS_DATA,
                "3 * " + UNLESS_DATA, "4 * " + UNLESS_DATA)) {
            // --min-workers 2: the first two tasks go out together, one to each node, so the one without data has one.
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 4,
                            "retry { max-attempts = 1 }").toString(), "--run-dir", runDir.toString(), "--local-workers", "0",
                    "--min-workers", "2", "--port", Integer.toString(port));
            fleet.worker("without-data", port, withoutPort, Map.of(NO_DATA, "1"));
            fleet.worker("with-data", port, withPort);

            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT a.status || COALESCE(' ' || a.failure_kind, '')"
                    + " || ' on ' || substr(a.worker_id, instr(a.worker_id, ':') + 1) FROM attempts a"))
                    .extracting(row -> row.get(0)).containsExactlyInAnyOrder(
                            "failed DATA_UNAVAILABLE on " + withoutPort,
                            "succeeded on " + withPort, "succeeded on " + withPort, "succeeded on " + withPort,
                            "succeeded on " + withPort);
            List<String> returned = FakeTrainerCluster.rows(runDir, "SELECT a.ended_at, b.started_at FROM attempts a"
                    + " JOIN attempts b ON b.task_id = a.task_id AND b.number = a.number + 1"
                    + " WHERE a.failure_kind = 'DATA_UNAVAILABLE'").get(0);
            System.out.printf("DATA_UNAVAILABLE on one node -> the task running on the other: %d ms%n",
                    Duration.between(Instant.parse(returned.get(0)), Instant.parse(returned.get(1))).toMillis());
        }
    }

    @Test
    void whenNoNodeHasTheDataTheTasksFailAsDataUnavailableNamingTheNodesAndTheSweepEnds() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int firstPort = Benchfleet.freePort();
        int secondPort = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * " + UNLESS_DATA, "2 * " + UNLESS_DATA,
                "3 * " + UNLESS_DATA)) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 3, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--min-workers", "2",
                    "--port", Integer.toString(port));
            fleet.worker("first", port, firstPort, Map.of(NO_DATA, "1"));
            fleet.worker("second", port, secondPort, Map.of(NO_DATA, "1"));

            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isEqualTo(1);
            List<List<String>> finalAttempts = FakeTrainerCluster.rows(runDir, "SELECT a.status, a.failure_kind,"
                    + " a.failure_message FROM attempts a WHERE a.number = (SELECT MAX(number) FROM attempts"
                    + " WHERE task_id = a.task_id)");
            assertThat(finalAttempts).hasSize(3).allSatisfy(attempt -> {
                assertThat(attempt.subList(0, 2)).containsExactly("failed", "DATA_UNAVAILABLE");
                assertThat(attempt.get(2)).contains(":" + firstPort + " has no readable copy of mnist")
                        .contains(":" + secondPort + " has no readable copy of mnist");
            });
            Instant firstReport = FakeTrainerCluster.query(runDir, "SELECT MIN(ended_at) FROM attempts")
                    .map(Instant::parse).orElseThrow();
            Instant lastEnd = FakeTrainerCluster.query(runDir, "SELECT MAX(ended_at) FROM attempts")
                    .map(Instant::parse).orElseThrow();
            System.out.printf("first DATA_UNAVAILABLE -> every task failed: %d ms%n",
                    Duration.between(firstReport, lastEnd).toMillis());
            assertThat(Duration.between(firstReport, lastEnd)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anOutOfMemoryTaskIsTriedTwiceThenReportedAsOutOfMemory() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * fail OUT_OF_MEMORY")) {
            Process coordinator = fleet.coordinator("coordinator", "run",
                    fleet.sweepFile("s.conf", 2, "retry { max-attempts = 5 }").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker", port, Benchfleet.freePort());

            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isEqualTo(1);
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT t.repetition || ' a' || a.number || ' ' || a.status"
                    + " || COALESCE(' ' || a.failure_kind, '') FROM attempts a JOIN tasks t USING (task_id)"
                    + " ORDER BY t.repetition, a.number")).extracting(row -> row.get(0)).containsExactly(
                    "1 a1 failed OUT_OF_MEMORY", "1 a2 failed OUT_OF_MEMORY", "2 a1 succeeded");
            String failureRow = "OUT_OF_MEMORY: fake failure of kind OUT_OF_MEMORY";
            assertThat(fleet.output("coordinator")).contains(failureRow);
            assertThat(Benchfleet.read(runDir.resolve("report.html"))).contains(failureRow);
        }
    }
}
