package io.benchfleet.coordinator.sweep;

import io.benchfleet.protocol.architecture.Optimizer;

import java.util.Set;

/**
 * An {@code optimizer { kind = sgd, learning-rate = 0.01, decay = 1e-6, momentum = 0.9, nesterov = true }}
 * block, in an inline architecture or in the sweep's training block.
 */
final class OptimizerBlock {

    private static final Set<String> KEYS = Set.of("kind", "learning-rate", "decay", "momentum", "nesterov");
    /** Keras' defaults per kind, as the studies used them when they named no rate. */
    private static final double ADAM_RATE = 0.001;
    private static final double SGD_RATE = 0.01;
    private static final double RMSPROP_RATE = 0.001;
    private static final double ADADELTA_RATE = 1.0;

    private OptimizerBlock() {
    }

    static Optimizer parse(ConfigReading block) {
        block.rejectUnknown(KEYS);
        Optimizer.Kind kind = block.choice("kind", Optimizer.Kind.class, null);
        try {
            return new Optimizer(kind, block.number("learning-rate", defaultRate(kind)), block.number("decay", 0),
                    block.number("momentum", 0),
                    block.config().hasPath("nesterov") && block.config().getBoolean("nesterov"));
        } catch (IllegalArgumentException e) {
            throw new SweepFileException(block.path() + ": " + e.getMessage());
        }
    }

    private static double defaultRate(Optimizer.Kind kind) {
        return switch (kind) {
            case ADAM -> ADAM_RATE;
            case SGD -> SGD_RATE;
            case RMSPROP -> RMSPROP_RATE;
            case ADADELTA -> ADADELTA_RATE;
        };
    }
}
