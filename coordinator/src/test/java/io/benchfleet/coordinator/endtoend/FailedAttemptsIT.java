package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempts that fail, on one worker node with the fake trainer: what is retried, what is not, and what is kept. */
class FailedAttemptsIT {

    @TempDir
    Path dir;

    @Test
    void infrastructureFailuresAreRetriedUpToMaxAttemptsAndDeterministicOnesAreNot() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 1 crash", "2 * bad-input", "3 * hang", "4 * crash")) {
            Process coordinator = fleet.coordinator("coordinator", "run",
                    fleet.sweepFile("s.conf", 4, "retry { max-attempts = 2 }, task-timeout = 3s").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker-1", port, Benchfleet.freePort());

            int exitCode = Benchfleet.waitFor(coordinator, 120);

            assertThat(exitCode).as(fleet.output("coordinator")).isEqualTo(1);
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT t.repetition || ' a' || a.number || ' ' || a.status"
                    + " || COALESCE(' ' || a.failure_kind, '') FROM attempts a JOIN tasks t USING (task_id)"
                    + " ORDER BY t.repetition, a.number")).extracting(row -> row.get(0)).containsExactly(
                    "1 a1 failed CRASHED", "1 a2 succeeded",
                    "2 a1 failed BAD_INPUT",
                    "3 a1 failed TIMED_OUT", "3 a2 failed TIMED_OUT",
                    "4 a1 failed CRASHED", "4 a2 failed CRASHED");
            assertThat(FakeTrainerCluster.query(runDir, "SELECT a.failure_message FROM attempts a JOIN tasks t USING (task_id)"
                    + " WHERE t.repetition = 4 AND a.number = 2").orElseThrow())
                    .contains("exited with code 3").contains("fake native crash in attempt");
            assertThat(FakeTrainerCluster.query(runDir, "SELECT a.failure_message FROM attempts a JOIN tasks t USING (task_id)"
                    + " WHERE t.repetition = 3 AND a.number = 1").orElseThrow()).contains("task-timeout of PT3S");
            List<String> results = Files.readAllLines(runDir.resolve("results.csv"));
            assertThat(results).hasSize(5);
            assertThat(results.stream().filter(row -> row.contains(",failed,"))).hasSize(3);
        }
    }
}
