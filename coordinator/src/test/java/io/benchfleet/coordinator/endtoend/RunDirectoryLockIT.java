package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One coordinator per run directory: while one runs, {@code resume} and {@code run} on its directory are
 * refused with one line naming it; once it was killed with signal 9, {@code resume} goes on as usual.
 */
class RunDirectoryLockIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aSecondCoordinatorOnARunningSweepsDirectoryIsRefusedAndAKilledOnesDirectoryResumes() throws Exception {
        Path runDir = dir.resolve("run");
        Path lockFile = runDir.resolve("coordinator.lock");
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir)) {
            String sweepFile = fleet.sweepFile("s.conf", 2, "").toString();
            Process first = fleet.coordinator("first", "run", sweepFile, "--run-dir", runDir.toString(),
                    "--local-workers", "0", "--port", Integer.toString(Benchfleet.freePort()));
            FakeTrainerCluster.await("the first coordinator waiting for worker nodes", GENEROUS,
                    () -> output(fleet, "first").contains("waiting for worker nodes"));
            String inUse = "run directory " + runDir + " is in use by a coordinator \\(pid " + first.pid()
                    + ", started at [0-9T:.-]+Z\\); expected one coordinator per run directory: wait for that one to end,"
                    + " or stop it first";

            Process resume = fleet.coordinator("second-resume", "resume", runDir.toString(), "--local-workers", "0");
            Process run = fleet.coordinator("second-run", "run", sweepFile, "--run-dir", runDir.toString(),
                    "--local-workers", "0");

            assertThat(Benchfleet.waitFor(resume, 30)).isEqualTo(2);
            assertThat(fleet.output("second-resume").lines().toList()).singleElement().asString()
                    .matches("coordinator resume: " + inUse);
            assertThat(Benchfleet.waitFor(run, 30)).isEqualTo(2);
            assertThat(fleet.output("second-run").lines().toList()).singleElement().asString()
                    .matches("coordinator run: " + inUse);
            assertThat(first.isAlive()).isTrue();

            first.destroyForcibly();
            Benchfleet.waitFor(first, 30);
            assertThat(lockFile).content().contains("pid=" + first.pid());

            int port = Benchfleet.freePort();
            Process resumed = fleet.coordinator("resumed", "resume", runDir.toString(), "--local-workers", "0",
                    "--port", Integer.toString(port));
            fleet.worker("worker", port, Benchfleet.freePort());
            assertThat(Benchfleet.waitFor(resumed, GENEROUS.toSeconds())).as(fleet.output("resumed")).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT status FROM attempts"))
                    .containsExactly(List.of("succeeded"), List.of("succeeded"));
        }
    }

    /** Empty until the process wrote its first line. */
    private static String output(FakeTrainerCluster fleet, String name) {
        try {
            return fleet.output(name);
        } catch (IOException e) {
            return "";
        }
    }
}
