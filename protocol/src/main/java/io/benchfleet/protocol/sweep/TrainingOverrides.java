package io.benchfleet.protocol.sweep;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Optimizer;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One combination of the sweep's {@code training} block: what it sets applies to the tasks of that combination,
 * the rest comes from each architecture's study.
 *
 * @param learningRate replaces the learning rate of the optimizer that applies (the block's or the architecture's)
 * @param rawFeatures  {@code normalisation = none}: see {@link TrainingSettings}
 */
public record TrainingOverrides(OptionalInt epochs, OptionalInt batchSize, int trainLimit, Optional<Optimizer> optimizer,
                                OptionalDouble learningRate, boolean rawFeatures) {

    /** Without a learning rate of its own, features standardised. */
    public TrainingOverrides(OptionalInt epochs, OptionalInt batchSize, int trainLimit, Optional<Optimizer> optimizer) {
        this(epochs, batchSize, trainLimit, optimizer, OptionalDouble.empty(), false);
    }

    public TrainingSettings resolve(Architecture architecture) {
        Optimizer chosen = optimizer.orElse(architecture.optimizer());
        return new TrainingSettings(
                epochs.orElse(architecture.epochs()),
                batchSize.orElse(architecture.batchSize()),
                trainLimit,
                learningRate.isPresent() ? chosen.withLearningRate(learningRate.getAsDouble()) : chosen,
                rawFeatures);
    }
}
