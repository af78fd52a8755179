package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trainers that print what no trainer should, on one worker node with the fake trainer: each such attempt ends
 * as a failure with its reason, the sweep goes on, and nothing is retried for ever.
 */
class TrainerOutputIT {

    @TempDir
    Path dir;

    @Test
    void everyTaskWhoseTrainerPrintsWhatItMayNotEndsWithOneFailureAndItsReason() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * print {\"event\":\"failed\"}",
                "2 * print null", "3 * fail HANDED_BACK", "4 * long-line")) {
            Process coordinator = fleet.coordinator("coordinator", "run",
                    fleet.sweepFile("s.conf", 4, "retry { max-attempts = 2 }").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker-1", port, Benchfleet.freePort());
            Instant start = Instant.now();

            int exitCode = Benchfleet.waitFor(coordinator, 90);

            System.out.printf("TrainerOutputIT: the sweep ended %.1f s after its worker node started%n",
                    Duration.between(start, Instant.now()).toMillis() / 1000.0);
            assertThat(exitCode).as(fleet.output("coordinator")).isEqualTo(1);
            assertThat(FakeTrainerCluster.rows(runDir, FakeTrainerCluster.ATTEMPTS)).extracting(row -> row.get(0)).containsExactly(
                    "1 a1 failed CRASHED", "1 a2 failed CRASHED",
                    "2 a1 failed CRASHED", "2 a2 failed CRASHED",
                    "3 a1 failed ERROR",
                    "4 a1 failed CRASHED", "4 a2 failed CRASHED");
            assertThat(fleet.trainerStarts()).hasSize(7);
            assertThat(failureMessage(runDir, 1)).contains("not a trainer event line").contains("'{\"event\":\"failed\"}'");
            assertThat(failureMessage(runDir, 2)).contains("not a trainer event line").contains("'null'");
            assertThat(failureMessage(runDir, 3)).contains("HANDED_BACK").contains("may not")
                    .contains("fake failure of kind HANDED_BACK");
            assertThat(failureMessage(runDir, 4)).startsWith("trainer printed a line longer than 1 MiB");
            assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(5)
                    .filteredOn(row -> row.contains(",failed,")).hasSize(4);
        }
    }

    private static String failureMessage(Path runDir, int repetition) {
        return FakeTrainerCluster.query(runDir, "SELECT a.failure_message FROM attempts a JOIN tasks t USING (task_id)"
                + " WHERE t.repetition = " + repetition + " ORDER BY a.number DESC").orElseThrow();
    }
}
