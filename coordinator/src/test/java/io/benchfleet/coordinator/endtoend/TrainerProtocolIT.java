package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trainer of another trainer protocol version, on one worker node with the fake trainer: its attempts end as
 * crashed with both versions named, and its trainer is killed at once rather than left to the task timeout; a
 * trainer of this version beside it trains as usual.
 */
class TrainerProtocolIT {

    @TempDir
    Path dir;

    @Test
    void aTrainerThatSpeaksAnotherProtocolVersionFailsItsAttemptsAsCrashedNamingBothVersions() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * speak-protocol 2")) {
            Process coordinator = fleet.coordinator("coordinator", "run",
                    fleet.sweepFile("s.conf", 2, "retry { max-attempts = 2 }, task-timeout = 10m").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker-1", port, Benchfleet.freePort());

            int exitCode = Benchfleet.waitFor(coordinator, 120);

            assertThat(exitCode).as(fleet.output("coordinator")).isEqualTo(1);
            assertThat(FakeTrainerCluster.rows(runDir, FakeTrainerCluster.ATTEMPTS)).extracting(row -> row.get(0)).containsExactly(
                    "1 a1 failed CRASHED", "1 a2 failed CRASHED", "2 a1 succeeded");
            assertThat(FakeTrainerCluster.query(runDir, "SELECT DISTINCT a.failure_message FROM attempts a"
                    + " JOIN tasks t USING (task_id) WHERE t.repetition = 1"))
                    .contains("trainer speaks protocol version 2; this worker node speaks 1");
            assertThat(fleet.trainerPids()).as("no trainer left running")
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
