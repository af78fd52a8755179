package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a user's own trainer ({@code --trainer NAME=EXECUTABLE}): the executable with the task as its one argument
 * ({@link TrainerTask#encode}), the same event lines expected back, pinned to the slot's GPU and told the slot's
 * threads as the built-in trainers are. The multi-JVM tests run a shell script this way in place of the DL4J
 * trainer, so that worker loss, retries and resume take seconds.
 */
public final class CommandTrainerLauncher implements TrainerLauncher {

    private final Path executable;

    public CommandTrainerLauncher(Path executable) {
        this.executable = executable;
    }

    @Override
    public Process start(TrainerTask task, SlotName slot) throws IOException {
        var builder = TrainerLauncher.trainerProcess(List.of(executable.toString(), task.encode()));
        TrainerLauncher.pinToSlotGpus(slot, builder.environment());
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(task.threads()));
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(task.threads()));
        return builder.start();
    }
}
