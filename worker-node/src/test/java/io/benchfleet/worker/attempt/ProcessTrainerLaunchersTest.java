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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PyTorch and user trainers as started: the task as the one argument after the script, the slot's threads and
 * GPU in the environment, stdin held open. A shell script stands in for Python and for the user's executable; it
 * prints what it got.
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

    @Test
    void aUsersTrainerIsTheExecutableWithTheTaskAsItsOneArgument() throws Exception {
        Path executable = Files.writeString(dir.resolve("trainer"), "#!/bin/sh\n" + REPORTER);
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        TrainerTask task = task();

        Process trainer = new CommandTrainerLauncher(executable).start(task, SlotName.cpu());

        assertThat(output(trainer)).startsWith("1|" + task.encode() + "|3|3|").endsWith("|open");
    }
}
