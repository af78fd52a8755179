package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A results.db that can no longer be written under a running sweep: the sweep stops at once with one line
 * naming the file, the cause and the way on, exit code 1 and no report; what was committed is intact, and
 * {@code resume} finishes the sweep once the cause is gone.
 */
class ResultsDbFailureIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    /** Time from the fault to the coordinator's exit: the next write or the writer's file check, then the shutdown. */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(20);
    private static final String[] PLAN = {"1 * finish 0.2", "2 * finish 0.2", "3 * finish 1", "4 * finish 0.2"};

    @TempDir
    Path dir;

    @Test
    void aResultsDbMovedAwayUnderARunningSweepStopsItAndResumeFinishesItOnceItIsBack() throws Exception {
        Path runDir = dir.resolve("run");
        Path results = runDir.resolve("results.db");
        Path movedAway = runDir.resolve("results.db.moved");
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, PLAN)) {
            Process coordinator = startSweep(fleet, runDir);
            awaitFirstTaskDone(runDir);

            Files.move(results, movedAway);
            Instant movedAt = Instant.now();

            assertThat(Benchfleet.waitFor(coordinator, STOPS_WITHIN.toSeconds())).as(fleet.output("first")).isEqualTo(1);
            System.out.printf("results.db moved away: the coordinator exited %d ms later%n",
                    Duration.between(movedAt, Instant.now()).toMillis());
            assertThat(linesNamingResultsDb(fleet)).containsExactly("coordinator run: cannot write " + results
                    + ": it or its directory was removed while the sweep ran; the sweep stopped, with what was"
                    + " committed before kept; once that is fixed, `bin/coordinator resume " + runDir + "` continues it");
            assertThat(runDir.resolve("report.html")).doesNotExist();

            Files.move(movedAway, results);
            assertResumeFinishesTheSweep(fleet, runDir);
        }
    }

    /** Needs a tmpfs mount, hence root; elsewhere it is skipped (README: the full-disk check by hand). */
    @Test
    void aFullDiskUnderARunningSweepStopsItAndResumeFinishesItOnceThereIsRoom() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString()),
                "mounting a tmpfs was refused");
        Path runDir = disk.resolve("run");
        Path filler = disk.resolve("filler");
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, PLAN)) {
            Process coordinator = startSweep(fleet, runDir);
            awaitFirstTaskDone(runDir);

            fill(filler);
            Instant fullAt = Instant.now();

            assertThat(Benchfleet.waitFor(coordinator, STOPS_WITHIN.toSeconds())).as(fleet.output("first")).isEqualTo(1);
            System.out.printf("disk full: the coordinator exited %d ms later%n", Duration.between(fullAt, Instant.now()).toMillis());
            assertThat(linesNamingResultsDb(fleet)).singleElement().asString()
                    .startsWith("coordinator run: cannot write " + runDir.resolve("results.db") + ": [SQLITE_FULL]")
                    .contains("(database or disk is full)")
                    .endsWith("`bin/coordinator resume " + runDir + "` continues it");
            assertThat(FakeTrainerCluster.query(runDir, "PRAGMA integrity_check")).contains("ok");

            Files.delete(filler);
            assertResumeFinishesTheSweep(fleet, runDir);
        } finally {
            run("umount", "--lazy", disk.toString());
        }
    }

    private static Process startSweep(FakeTrainerCluster fleet, Path runDir) throws IOException {
        int port = Benchfleet.freePort();
        Process coordinator = fleet.coordinator("first", "run", fleet.sweepFile("s.conf", PLAN.length, "").toString(),
                "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
        fleet.worker("worker-1", port, Benchfleet.freePort());
        return coordinator;
    }

    private static void awaitFirstTaskDone(Path runDir) throws InterruptedException {
        FakeTrainerCluster.await("a task done", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                "SELECT COUNT(*) FROM attempts WHERE status = 'succeeded'").map(Integer::parseInt).orElse(0) >= 1);
    }

    private static List<String> linesNamingResultsDb(FakeTrainerCluster fleet) throws IOException {
        return fleet.output("first").lines().filter(line -> line.contains("results.db")).toList();
    }

    /** Every task succeeded in the end, each exactly once, and the report is written. */
    private static void assertResumeFinishesTheSweep(FakeTrainerCluster fleet, Path runDir) throws Exception {
        int port = Benchfleet.freePort();
        Process resume = fleet.coordinator("resumed", "resume", runDir.toString(), "--local-workers", "0",
                "--port", Integer.toString(port));
        fleet.worker("resumed-worker", port, Benchfleet.freePort());

        assertThat(Benchfleet.waitFor(resume, GENEROUS.toSeconds())).as(fleet.output("resumed")).isZero();
        assertThat(FakeTrainerCluster.rows(runDir, "SELECT t.repetition, COUNT(*) FROM attempts a JOIN tasks t USING (task_id)"
                + " WHERE a.status = 'succeeded' GROUP BY t.repetition ORDER BY t.repetition"))
                .containsExactly(List.of("1", "1"), List.of("2", "1"), List.of("3", "1"), List.of("4", "1"));
        assertThat(runDir.resolve("report.html")).exists();
    }

    /** Writes until the file system refuses: ENOSPC, as a disk that filled up. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
