package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.TrainerTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PyTorch and user trainers as started: the task as the one argument after the script, the slot's threads and
 * GPU in the environment, stdin held open, in a process group of their own. A shell script stands in for Python and
 * for the user's executable; it prints what it got.
 */
class ProcessTrainerLaunchersTest {

    /** Its arguments after the script, its environment, and whether its stdin is still open after a second. */
    private static final String REPORTER = """
            printf '%s|' "$#" "$1" "$OMP_NUM_THREADS" "$OPENBLAS_NUM_THREADS" "${CUDA_VISIBLE_DEVICES:-none}"
            if timeout 1 cat >/dev/null; then echo closed; else echo open; fi
            """;

    @TempDir
    Path dir;

    private static TrainerTask task() {
        var architecture = ArchitectureZoo.byName("mlp-small").orElseThrow();
        var task = new TaskSpec("mnist", "mlp-small", Device.GPU, "standard", 0, 1, 1,
                new TrainingSettings(1, 128, 0, architecture.optimizer())).withFramework("pytorch");
        return new TrainerTask("attempt-1", task, architecture,
                new DataPartition("/tmp/partitions/0123", "ab", 10, 5, architecture.input(), 10), 3);
    }

    private static String output(Process trainer) throws IOException, InterruptedException {
        assertThat(trainer.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(trainer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void thePyTorchTrainerIsTheScriptRunByPythonWithTheTaskTheSlotsThreadsAndGpu() throws Exception {
        Path script = Files.writeString(dir.resolve("train.py"), REPORTER);
        TrainerTask task = task();

        Process trainer = new PythonTrainerLauncher(Path.of("/bin/sh"), script).start(task, SlotName.gpu(1));

        assertThat(output(trainer)).isEqualTo("1|" + task.encode() + "|3|3|1|open");
    }

    private Path executable(String script) throws IOException {
        Path executable = Files.writeString(dir.resolve("trainer"), "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        return executable;
    }

    /** Field 5 of /proc/PID/stat; the name before it, field 2, is in parentheses and may hold spaces. */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    @Test
    void aUsersTrainerIsTheExecutableWithTheTaskAsItsOneArgument() throws Exception {
        Path executable = executable(REPORTER);
        TrainerTask task = task();

        Process trainer = new CommandTrainerLauncher(executable).start(task, SlotName.cpu());

        assertThat(output(trainer)).startsWith("1|" + task.encode() + "|3|3|").endsWith("|open");
    }

    @Test
    void aTrainerRunsInAProcessGroupOfItsOwnWithTheProcessTheWorkerNodeHoldsAndItsLifeline() throws Exception {
        // Its pid once its own code runs, then a line when its stdin, the lifeline, closes.
        Path executable = executable("echo $$; cat >/dev/null; echo lifeline closed\n");

        Process trainer = new CommandTrainerLauncher(executable).start(task(), SlotName.cpu());
        var stdout = new BufferedReader(new InputStreamReader(trainer.getInputStream(), StandardCharsets.UTF_8));
        long pid = Long.parseLong(stdout.readLine());

        // Ctrl-C in the worker node's terminal goes to the worker node's group, not to this one.
        assertThat(processGroup(pid)).isEqualTo(pid).isNotEqualTo(processGroup(ProcessHandle.current().pid()));
        // The worker node waits for, samples and kills the trainer itself, not a wrapper around it.
        assertThat(pid).isEqualTo(trainer.pid());
        trainer.getOutputStream().close();
        assertThat(stdout.readLine()).isEqualTo("lifeline closed");
        assertThat(trainer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
