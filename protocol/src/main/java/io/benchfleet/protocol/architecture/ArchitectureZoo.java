package io.benchfleet.protocol.architecture;

import io.benchfleet.protocol.architecture.Layer.Conv2d;
import io.benchfleet.protocol.architecture.Layer.Dense;
import io.benchfleet.protocol.architecture.Layer.Flatten;
import io.benchfleet.protocol.architecture.Layer.MaxPool;
import io.benchfleet.protocol.architecture.Layer.Padding;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The studies' networks (SEEDS.md), by the short names sweep files use. */
public final class ArchitectureZoo {

    private static final String S2 = "S2 (Flux vs TensorFlow, 2023)";
    private static final Optimizer S2_ADAM = Optimizer.adam(0.001);

    private static final List<Architecture> ALL = List.of(
            new Architecture("mlp-small", S2, List.of(
                    new Flatten(),
                    new Dense(128, Activation.RELU),
                    new Dense(10, Activation.SOFTMAX)), S2_ADAM),
            new Architecture("cnn-medium", S2, List.of(
                    conv(32), new MaxPool(2),
                    conv(64), new MaxPool(2),
                    new Flatten(),
                    new Dense(64, Activation.RELU),
                    new Dense(10, Activation.SOFTMAX)), S2_ADAM),
            new Architecture("cnn-big", S2, List.of(
                    conv(64), new MaxPool(2),
                    conv(128), new MaxPool(2),
                    conv(256), new MaxPool(2),
                    new Flatten(),
                    new Dense(512, Activation.RELU),
                    new Dense(256, Activation.RELU),
                    new Dense(10, Activation.SOFTMAX)), S2_ADAM));

    private static final Map<String, Architecture> BY_NAME =
            ALL.stream().collect(Collectors.toMap(Architecture::name, Function.identity()));

    private ArchitectureZoo() {
    }

    public static List<Architecture> all() {
        return ALL;
    }

    public static Optional<Architecture> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<String> names() {
        return ALL.stream().map(Architecture::name).toList();
    }

    private static Conv2d conv(int filters) {
        return new Conv2d(filters, 3, Padding.SAME, Activation.RELU);
    }
}
