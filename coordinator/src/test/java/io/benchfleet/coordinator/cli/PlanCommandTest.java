package io.benchfleet.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.coordinator.store.RecordedRun;
import io.benchfleet.coordinator.sweep.SweepFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    private static final String SWEEP = "sweep { name = p, datasets = [mnist], architectures = [mlp-small, cnn-medium],"
            + " repetitions = 2 }";

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private Path sweepFile() throws Exception {
        return Files.writeString(dir.resolve("p.conf"), SWEEP);
    }

    @Test
    void plansWithTheSettingsOfTheCommandLine() throws Exception {
        int exit = CoordinatorMain.commandLine().execute("plan", sweepFile().toString(), "--set", "sweep.repetitions=3",
                "--set", "sweep.architectures=[mlp-small]");

        assertThat(exit).isZero();
        assertThat(console.out()).startsWith("sweep p (" + sweepFile() + "): 3 tasks\n")
                .contains("  architectures    mlp-small (3)\n");
    }

    @Test
    void estimatesTheWallTimeFromALikeRunOverTheSlotsGiven() throws Exception {
        Path like = RecordedRun.write(dir.resolve("like"), "p", SweepFile.read(sweepFile()).sweep().tasks(), 4, 30.0);

        int exit = CoordinatorMain.commandLine().execute("plan", sweepFile().toString(), "--set", "sweep.repetitions=4",
                "--like", like.toString(), "--slots", "3");

        assertThat(exit).isZero();
        assertThat(console.out()).contains("estimate from " + like + " on 3 slot(s): 1 min 30 s for 8 of 8 tasks\n");
    }

    @Test
    void runDryRunPrintsThePlanAndCreatesNoRunDirectory() throws Exception {
        Path runDir = dir.resolve("run");

        int exit = CoordinatorMain.commandLine().execute("run", sweepFile().toString(), "--dry-run", "--run-dir",
                runDir.toString(), "--local-workers", "0");

        assertThat(exit).isZero();
        assertThat(console.out()).startsWith("sweep p (" + sweepFile() + "): 4 tasks\n");
        assertThat(runDir).doesNotExist();
    }

    @Test
    void badFlagsAreOneLineEach() throws Exception {
        String sweep = sweepFile().toString();
        assertThat(refusal("plan", sweep, "--slots", "2"))
                .isEqualTo("coordinator plan: --slots sizes the estimate of --like; expected --like RUN_DIR with it\n");
        assertThat(refusal("plan", sweep, "--tasks", "-1")).isEqualTo("coordinator plan: --tasks = -1: expected 0 or more\n");
        assertThat(refusal("plan", sweep, "--like", dir.resolve("none").toString()))
                .startsWith("coordinator plan: " + dir.resolve("none").resolve("results.db") + ": no such file;");
        assertThat(refusal("plan", sweep, "--set", "sweep.repetitions")).startsWith("coordinator plan: --set 'sweep.repetitions': ");
        assertThat(refusal("run", sweep, "--dry-run", "--set", "sweep.seed=x"))
                .isEqualTo("coordinator run: --set sweep.seed = x: 1: seed has type STRING rather than NUMBER\n");
    }

    private String refusal(String... args) {
        console.clear();
        int exit = CoordinatorMain.commandLine().execute(args);
        assertThat(exit).as(String.join(" ", args)).isEqualTo(2);
        assertThat(console.err().lines()).as(String.join(" ", args)).hasSize(1);
        return console.err();
    }
}
