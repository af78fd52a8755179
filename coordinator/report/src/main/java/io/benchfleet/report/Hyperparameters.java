package io.benchfleet.report;

import java.util.Optional;

/**
 * How a task trained, as far as results.db records it: a sweep's hyperparameter axes vary these, so two groups
 * that differ in them are two measurements. Epochs and batch size are in every results.db; the learning rate is
 * empty in one older than the learning-rate axis.
 */
public record Hyperparameters(int epochs, int batchSize, Optional<Double> learningRate) {

    /** For a task made up by hand, where no axis varies them. */
    public static final Hyperparameters NOT_RECORDED = new Hyperparameters(0, 0, Optional.empty());

    /** As a sweep file writes it: 0.001, 1; empty where not recorded. */
    public String learningRateText() {
        return learningRate.map(SweepFileNumber::of).orElse("");
    }
}
