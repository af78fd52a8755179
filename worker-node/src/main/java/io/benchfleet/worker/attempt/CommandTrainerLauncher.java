package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts a given executable in place of the DL4J trainer JVM, with the same single argument
 * ({@link TrainerTask#encode}) and the same event lines expected back. The multi-JVM tests use it
 * with a shell script that sleeps, crashes or hangs on command, so that worker loss, retries and
 * resume take seconds; a user only gets it by naming a command with the hidden
 * {@code --trainer-command} option.
 */
public final class CommandTrainerLauncher implements TrainerLauncher {

    private final Path executable;

    public CommandTrainerLauncher(Path executable) {
        this.executable = executable;
    }

    @Override
    public Process start(TrainerTask task, SlotName slot) throws IOException {
        var builder = TrainerLauncher.withStdinFromWorkerNode(new ProcessBuilder(executable.toString(), task.encode()));
        TrainerLauncher.pinToSlotGpus(slot, builder.environment());
        return builder.start();
    }
}
