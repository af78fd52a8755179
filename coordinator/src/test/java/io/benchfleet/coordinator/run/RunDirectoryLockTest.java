package io.benchfleet.coordinator.run;

import io.benchfleet.rundirectory.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One coordinator per run directory: a second one is refused with the first one's pid and start, and a
 * coordinator that was killed leaves nothing that refuses the next.
 */
class RunDirectoryLockTest {

    @TempDir
    Path dir;

    private Path stoppedRun() throws Exception {
        Path runDirectory = Files.createDirectories(dir.resolve("run"));
        Files.writeString(runDirectory.resolve(RunFiles.RESULTS_DB), "");
        Files.writeString(runDirectory.resolve(RunFiles.SWEEP_CONF), "sweep {}");
        return runDirectory;
    }

    @Test
    void resumeOfARunAnotherCoordinatorProcessHoldsIsRefusedNamingThatCoordinator() throws Exception {
        Path runDirectory = stoppedRun();
        try (LockHolder other = LockHolder.start(runDirectory)) {

            assertThatThrownBy(() -> RunDirectory.reopen(runDirectory))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("run directory " + runDirectory + " is in use by a coordinator \\(pid " + other.pid()
                            + ", started at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\); expected one coordinator per run directory:"
                            + " wait for that one to end, or stop it first");
        }
    }

    @Test
    void runIntoADirectoryAnotherCoordinatorProcessHoldsIsRefusedTheSameWay() throws Exception {
        Path runDirectory = stoppedRun();
        try (LockHolder other = LockHolder.start(runDirectory)) {

            assertThatThrownBy(() -> RunDirectory.create(runDirectory, "sweep {}"))
                    .hasMessageStartingWith("run directory " + runDirectory + " is in use by a coordinator (pid " + other.pid());
        }
    }

    @Test
    void aCoordinatorKilledWithSignalNineLeavesItsRunToTheNextOne() throws Exception {
        Path runDirectory = stoppedRun();
        LockHolder killed = LockHolder.start(runDirectory);
        killed.kill();

        try (RunDirectory resumed = RunDirectory.reopen(runDirectory)) {
            assertThat(Files.readString(runDirectory.resolve(RunFiles.COORDINATOR_LOCK)))
                    .contains("pid=" + ProcessHandle.current().pid());
        }
    }

    @Test
    void aRunThatEndedLeavesItsDirectoryFreeForResume() throws Exception {
        Path runDirectory = dir.resolve("new");
        RunDirectory.create(runDirectory, "sweep {}").close();
        Files.writeString(runDirectory.resolve(RunFiles.RESULTS_DB), "");

        try (RunDirectory resumed = RunDirectory.reopen(runDirectory)) {
            assertThat(resumed.path()).isEqualTo(runDirectory.toAbsolutePath().normalize());
        }
    }

    @Test
    void runIntoADirectoryOnlyALockFileIsLeftInIsAccepted() throws Exception {
        Path runDirectory = Files.createDirectories(dir.resolve("leftover"));
        Files.writeString(runDirectory.resolve(RunFiles.COORDINATOR_LOCK), "pid=1\nstarted_at=2026-01-01T00:00:00Z\n");

        try (RunDirectory created = RunDirectory.create(runDirectory, "sweep {}")) {
            assertThat(created.sweepFile()).hasContent("sweep {}");
        }
    }

    @Test
    void runIntoADirectoryThatHoldsAnotherRunIsRefusedWithoutWritingIntoIt() throws Exception {
        Path runDirectory = stoppedRun();

        assertThatThrownBy(() -> RunDirectory.create(runDirectory, "sweep {}"))
                .hasMessage("run directory " + runDirectory + " already holds a run; expected a new or empty directory");
        assertThat(runDirectory.resolve(RunFiles.COORDINATOR_LOCK)).doesNotExist();
    }
}
