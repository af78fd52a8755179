package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worker nodes that join and die while a sweep runs, on loopback with the fake trainer: the
 * coordinator notices a kill -9'd node through Pekko Cluster failure detection and the Split Brain
 * Resolver, and its attempt runs again elsewhere.
 */
class WorkerNodesComeAndGoIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aKilledWorkerNodesAttemptRunsAgainOnAnotherNodeAndAJoiningNodeGetsWorkAtOnce() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int firstPort = Benchfleet.freePort();
        int secondPort = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 1 finish 120", "2 * finish 1", "3 * finish 1")) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 3, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            Process first = fleet.worker("worker-1", port, firstPort);
            FakeTrainerCluster.await("repetition 1 running on the first worker node", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE status = 'running' AND worker_id LIKE '%:" + firstPort + "'")
                    .orElse("0").equals("1"));

            fleet.worker("worker-2", port, secondPort);
            FakeTrainerCluster.await("the second worker node ran a task", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE status = 'succeeded' AND worker_id LIKE '%:" + secondPort + "'")
                    .orElse("0").equals("2"));
            first.destroyForcibly();
            Instant killed = Instant.now();
            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isZero();
            List<List<String>> attempts = FakeTrainerCluster.rows(runDir, "SELECT t.repetition, a.number, a.status, a.failure_kind,"
                    + " a.worker_id, a.started_at, a.ended_at FROM attempts a JOIN tasks t USING (task_id)"
                    + " ORDER BY t.repetition, a.number");
            assertThat(attempts).extracting(WorkerNodesComeAndGoIT::outcome).containsExactly(
                    "repetition 1 attempt 1 failed WORKER_LOST",
                    "repetition 1 attempt 2 succeeded",
                    "repetition 2 attempt 1 succeeded",
                    "repetition 3 attempt 1 succeeded");
            assertThat(attempts.get(1).get(4)).endsWith(":" + secondPort);
            Instant givenUp = Instant.parse(attempts.get(0).get(6));
            Instant runningAgain = Instant.parse(attempts.get(1).get(5));
            System.out.printf("worker node killed -> attempt given up: %d ms; -> running again: %d ms%n",
                    Duration.between(killed, givenUp).toMillis(), Duration.between(killed, runningAgain).toMillis());
            assertThat(FakeTrainerCluster.query(runDir, "SELECT MIN(a.started_at) FROM attempts a JOIN workers w USING (worker_id)"
                    + " WHERE w.worker_id LIKE '%:" + secondPort + "'").map(Instant::parse).orElseThrow())
                    .isBefore(FakeTrainerCluster.query(runDir, "SELECT joined_at FROM workers WHERE worker_id LIKE '%:" + secondPort + "'")
                            .map(Instant::parse).orElseThrow().plusSeconds(2));
            assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(4).filteredOn(row -> !row.startsWith("task_id"))
                    .allSatisfy(row -> assertThat(row).contains(",succeeded,"));
        }
    }

    @Test
    void aWorkerNodeStoppedWithSigtermHandsItsAttemptBackAndLeaves() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int firstPort = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 1 finish 120")) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 1, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            Process first = fleet.worker("worker-1", port, firstPort);
            FakeTrainerCluster.await("the task running on the first worker node", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE status = 'running'").orElse("0").equals("1"));
            fleet.worker("worker-2", port, Benchfleet.freePort());

            first.destroy();

            // 143: the JVM's exit code after SIGTERM, once its shutdown hooks (coordinated shutdown) ran.
            assertThat(Benchfleet.waitFor(first, 60)).as(fleet.output("worker-1")).isEqualTo(143);
            assertThat(Benchfleet.waitFor(coordinator, GENEROUS.toSeconds())).as(fleet.output("coordinator")).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT a.number || ' ' || a.status || COALESCE(' ' || a.failure_kind, '')"
                    + " FROM attempts a ORDER BY a.number")).extracting(row -> row.get(0))
                    .containsExactly("1 failed HANDED_BACK", "2 succeeded");
        }
    }

    private static String outcome(List<String> attempt) {
        return "repetition " + attempt.get(0) + " attempt " + attempt.get(1) + " " + attempt.get(2)
                + (attempt.get(3) != null ? " " + attempt.get(3) : "");
    }
}
