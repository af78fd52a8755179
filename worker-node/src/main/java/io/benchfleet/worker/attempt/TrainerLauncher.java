package io.benchfleet.worker.attempt;

import io.benchfleet.trainer.TrainerTask;

import java.io.IOException;

/**
 * Starts the trainer process of one attempt. The real one forks a JVM running DL4J; tests of the
 * orchestration can start something faster that speaks the same event lines.
 */
public interface TrainerLauncher {

    Process start(TrainerTask task) throws IOException;
}
