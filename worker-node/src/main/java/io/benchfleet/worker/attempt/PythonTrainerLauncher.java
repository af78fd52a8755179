package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the PyTorch trainer, {@code PYTHON train.py TASK_JSON}: one Python process per attempt, as one JVM per
 * attempt for DL4J. Its OpenMP threads are the slot's, set before torch loads, and a gpu slot's trainer sees its GPU
 * alone, as the DL4J trainer does.
 */
public final class PythonTrainerLauncher implements TrainerLauncher {

    private final Path python;
    private final Path trainScript;

    public PythonTrainerLauncher(Path python, Path trainScript) {
        this.python = python;
        this.trainScript = trainScript;
    }

    @Override
    public Process start(TrainerTask task, SlotName slot) throws IOException {
        ProcessBuilder builder = TrainerLauncher.trainerProcess(
                List.of(python.toString(), trainScript.toString(), task.encode()));
        TrainerLauncher.pinToSlotGpus(slot, builder.environment());
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(task.threads()));
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(task.threads()));
        return builder.start();
    }
}
