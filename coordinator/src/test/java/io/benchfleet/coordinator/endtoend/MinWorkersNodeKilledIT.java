package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --min-workers holds back a sweep's first task only, across real processes: with --min-workers 2 nothing
 * runs until the second worker node is there, and once one of the two is killed (kill -9) while its attempt
 * runs, the sweep goes on with the node that is left, which runs the lost task again, and ends with every
 * task succeeded.
 */
class MinWorkersNodeKilledIT {

    private static final Duration GENEROUS = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void withMinWorkersTwoTheSweepFinishesOnTheNodeLeftAfterTheOtherIsKilled() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int firstPort = Benchfleet.freePort();
        int secondPort = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir,
                "1 * finish 3", "2 * finish 3", "3 * finish 3", "4 * finish 3")) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 4, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--min-workers", "2",
                    "--port", Integer.toString(port));
            Process first = fleet.worker("worker-1", port, firstPort);
            FakeTrainerCluster.await("the first worker node registered", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                    "SELECT COUNT(*) FROM workers WHERE worker_id LIKE '%:" + firstPort + "'").orElse("0").equals("1"));
            fleet.worker("worker-2", port, secondPort);
            FakeTrainerCluster.await("an attempt running on each worker node", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                    "SELECT COUNT(DISTINCT worker_id) FROM attempts WHERE status = 'running'").orElse("0").equals("2"));

            first.destroyForcibly();
            Instant killed = Instant.now();

            assertThat(Benchfleet.waitFor(coordinator, GENEROUS.toSeconds())).as(fleet.output("coordinator")).isZero();
            List<List<String>> lost = FakeTrainerCluster.rows(runDir, "SELECT task_id, worker_id, ended_at FROM attempts"
                    + " WHERE status = 'failed'");
            assertThat(lost).hasSize(1);
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT failure_kind FROM attempts WHERE status = 'failed'"))
                    .containsExactly(List.of("WORKER_LOST"));
            assertThat(lost.get(0).get(1)).endsWith(":" + firstPort);
            List<List<String>> rerun = FakeTrainerCluster.rows(runDir, "SELECT worker_id, started_at FROM attempts"
                    + " WHERE status = 'succeeded' AND task_id = '" + lost.get(0).get(0) + "'");
            assertThat(rerun).hasSize(1);
            assertThat(rerun.get(0).get(0)).endsWith(":" + secondPort);
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT COUNT(DISTINCT task_id) FROM attempts WHERE status = 'succeeded'"))
                    .containsExactly(List.of("4"));
            Instant secondJoined = FakeTrainerCluster.query(runDir, "SELECT joined_at FROM workers WHERE worker_id LIKE '%:"
                    + secondPort + "'").map(Instant::parse).orElseThrow();
            Instant firstStart = FakeTrainerCluster.query(runDir, "SELECT MIN(started_at) FROM attempts")
                    .map(Instant::parse).orElseThrow();
            assertThat(firstStart).as("no task before the second worker node was there").isAfter(secondJoined);
            System.out.printf("worker node killed -> attempt given up: %d ms; -> running again: %d ms%n",
                    Duration.between(killed, Instant.parse(lost.get(0).get(2))).toMillis(),
                    Duration.between(killed, Instant.parse(rerun.get(0).get(1))).toMillis());
        }
    }
}
