package io.benchfleet.protocol.sweep;

import io.benchfleet.protocol.architecture.Optimizer;

/**
 * How one task trains: epochs, minibatch size, how many training samples it uses
 * ({@code trainLimit} 0 = the whole training part), the optimizer, and whether a dataset of features (letter) is fed
 * as its file has it ({@code rawFeatures}, as S4 fed it) instead of standardised; images are scaled to [0, 1] always.
 */
public record TrainingSettings(int epochs, int batchSize, int trainLimit, Optimizer optimizer, boolean rawFeatures) {

    /** Features standardised. */
    public TrainingSettings(int epochs, int batchSize, int trainLimit, Optimizer optimizer) {
        this(epochs, batchSize, trainLimit, optimizer, false);
    }

    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || trainLimit < 0) {
            throw new IllegalArgumentException(
                    "training settings out of range: epochs=" + epochs + ", batch-size=" + batchSize
                            + ", train-limit=" + trainLimit);
        }
    }
}
