package io.benchfleet.protocol.sweep;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Optimizer;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sweep's {@code training} block: what it sets applies to every task, the rest comes from each
 * architecture's study.
 */
public record TrainingOverrides(OptionalInt epochs, OptionalInt batchSize, int trainLimit, Optional<Optimizer> optimizer) {

    public TrainingSettings resolve(Architecture architecture) {
        return new TrainingSettings(
                epochs.orElse(architecture.epochs()),
                batchSize.orElse(architecture.batchSize()),
                trainLimit,
                optimizer.orElse(architecture.optimizer()));
    }
}
