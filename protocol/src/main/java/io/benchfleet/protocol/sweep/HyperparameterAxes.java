package io.benchfleet.protocol.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The training block's keys given as lists ({@code batch-size = [32, 128]}): each combination of their values is a
 * training of its own, and every other axis runs once per training. An empty list is no axis: the block's scalar,
 * or the architecture's value, applies.
 */
public record HyperparameterAxes(List<Integer> epochs, List<Integer> batchSizes, List<Double> learningRates) {

    public static final HyperparameterAxes NONE = new HyperparameterAxes(List.of(), List.of(), List.of());

    public HyperparameterAxes {
        epochs = List.copyOf(epochs);
        batchSizes = List.copyOf(batchSizes);
        learningRates = List.copyOf(learningRates);
    }

    /** {@code base} with each combination put in, batch size slowest, epochs fastest; {@code base} alone for none. */
    public List<TrainingOverrides> combinations(TrainingOverrides base) {
        List<TrainingOverrides> combinations = new ArrayList<>();
        for (OptionalInt batchSize : values(batchSizes, base.batchSize())) {
            for (OptionalDouble learningRate : rates(base.learningRate())) {
                for (OptionalInt epochCount : values(epochs, base.epochs())) {
                    combinations.add(new TrainingOverrides(epochCount, batchSize, base.trainLimit(), base.optimizer(),
                            learningRate, base.rawFeatures()));
                }
            }
        }
        return combinations;
    }

    private static List<OptionalInt> values(List<Integer> axis, OptionalInt scalar) {
        return axis.isEmpty() ? List.of(scalar) : axis.stream().map(OptionalInt::of).toList();
    }

    private List<OptionalDouble> rates(OptionalDouble scalar) {
        return learningRates.isEmpty() ? List.of(scalar) : learningRates.stream().map(OptionalDouble::of).toList();
    }
}
