package io.benchfleet.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.benchfleet.coordinator.store.RecordedRun;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.report.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsFolderTest {

    @TempDir
    Path runs;

    private List<TaskSpec> tasks(int repetitions) throws Exception {
        Path file = Files.writeString(runs.resolveSibling(runs.getFileName() + ".conf"),
                "sweep { datasets = [mnist], architectures = [mlp-small], repetitions = " + repetitions + " }");
        return SweepFile.read(file).sweep().tasks();
    }

    @Test
    void aRunWhoseTasksAllEndedIsFinishedAndOneWithTasksNotRunIsStopped() throws Exception {
        RecordedRun.write(runs.resolve("done"), "alpha", tasks(3), 3, 1.0);
        RecordedRun.write(runs.resolve("halfway"), "beta", tasks(3), 1, 1.0);

        List<RunsFolder.Run> listed = RunsFolder.list(runs);

        assertThat(listed).extracting(RunsFolder.Run::sweepName).containsExactlyInAnyOrder("alpha", "beta");
        RunsFolder.Run done = listed.stream().filter(run -> run.sweepName().equals("alpha")).findFirst().orElseThrow();
        RunsFolder.Run halfway = listed.stream().filter(run -> run.sweepName().equals("beta")).findFirst().orElseThrow();
        assertThat(done.state()).isEqualTo(RunsFolder.State.FINISHED);
        assertThat(done.tasks(TaskStatus.SUCCEEDED)).isEqualTo(3);
        assertThat(done.startedAt()).contains(RecordedRun.STARTED.toString());
        assertThat(halfway.state()).isEqualTo(RunsFolder.State.STOPPED);
        assertThat(halfway.tasks(TaskStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(halfway.tasks(TaskStatus.NOT_RUN)).isEqualTo(2);
    }

    @Test
    void aRunAnotherCoordinatorHoldsIsRunningNamingItsProcess() throws Exception {
        Path held = RecordedRun.write(runs.resolve("held"), "gamma", tasks(2), 1, 1.0);

        try (LockHolder other = LockHolder.start(held)) {
            RunsFolder.Run run = RunsFolder.list(runs).get(0);

            assertThat(run.state()).isEqualTo(RunsFolder.State.RUNNING);
            assertThat(run.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("pid " + other.pid()));
        }
        assertThat(RunsFolder.list(runs).get(0).state()).as("once it ended").isEqualTo(RunsFolder.State.STOPPED);
    }

    @Test
    void aResultsDbThatIsNotOneIsListedAsUnreadableWithoutHidingTheOthers() throws Exception {
        Path broken = Files.createDirectories(runs.resolve("broken"));
        Files.writeString(broken.resolve("results.db"), "not a database");
        RecordedRun.write(runs.resolve("fine"), "delta", tasks(1), 1, 1.0);
        Files.createDirectories(runs.resolve("no-results-db"));

        List<RunsFolder.Run> listed = RunsFolder.list(runs);

        assertThat(listed).extracting(RunsFolder.Run::state)
                .containsExactlyInAnyOrder(RunsFolder.State.UNREADABLE, RunsFolder.State.FINISHED);
        assertThat(listed).filteredOn(run -> run.state() == RunsFolder.State.UNREADABLE).singleElement()
                .satisfies(run -> assertThat(run.detail()).hasValueSatisfying(
                        detail -> assertThat(detail).contains("results.db")));
    }

    @Test
    void aFolderThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> RunsFolder.list(runs.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such folder: " + runs.resolve("nope") + "; expected a folder of run directories such as runs/");
    }
}
