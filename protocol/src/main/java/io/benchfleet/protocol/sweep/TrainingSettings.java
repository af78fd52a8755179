package io.benchfleet.protocol.sweep;

import io.benchfleet.protocol.architecture.Optimizer;

/**
 * How one task trains: epochs, minibatch size, how many training samples it uses
 * ({@code trainLimit} 0 = the whole training part) and the optimizer.
 */
public record TrainingSettings(int epochs, int batchSize, int trainLimit, Optimizer optimizer) {
    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || trainLimit < 0) {
            throw new IllegalArgumentException(
                    "training settings out of range: epochs=" + epochs + ", batch-size=" + batchSize
                            + ", train-limit=" + trainLimit);
        }
    }
}
