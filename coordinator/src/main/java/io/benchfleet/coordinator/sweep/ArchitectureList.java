package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.benchfleet.protocol.architecture.Activation;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sweep's {@code architectures}: names from the zoo, or networks written out in the file:
 * <pre>
 * { name = my-cnn
 *   layers = [ { type = conv2d, filters = 32, kernel = 3, padding = same, activation = relu }
 *              { type = maxpool, size = 2 }, { type = flatten }, { type = dense, units = 10, activation = softmax } ]
 *   optimizer { kind = adam, learning-rate = 0.001 }   # default adam 0.001
 *   epochs = 10, batch-size = 128 }                     # defaults
 * </pre>
 * Either kind may be restricted to some of the sweep's datasets, for studies that pair each model with its
 * own dataset (S1, S4): {@code { name = s4-mnist-cnn, datasets = [mnist] }}; {@link SweepFile} reads the
 * restriction.
 */
final class ArchitectureList {

    private static final Set<String> INLINE_KEYS =
            Set.of("name", "layers", "optimizer", "epochs", "batch-size", "datasets");
    /** The keys of a block that only restricts a zoo architecture to some datasets: { name = s4-mnist-cnn, datasets = [mnist] }. */
    private static final Set<String> PAIRING_KEYS = Set.of("name", "datasets");
    private static final Map<String, Set<String>> LAYER_KEYS = Map.of(
            "dense", Set.of("type", "units", "activation"),
            "conv2d", Set.of("type", "filters", "kernel", "padding", "activation"),
            "maxpool", Set.of("type", "size"),
            "flatten", Set.of("type"),
            "dropout", Set.of("type", "rate"),
            "batchnorm", Set.of("type"));
    private static final Optimizer DEFAULT_OPTIMIZER = Optimizer.of(Optimizer.Kind.ADAM, 0.001);
    private static final int DEFAULT_EPOCHS = 10;
    private static final int DEFAULT_BATCH_SIZE = 128;

    private ArchitectureList() {
    }

    /** @param input the shape inline architectures are quoted for (the sweep's first dataset) */
    static List<Architecture> parse(Config sweep, Shape input) {
        if (!sweep.hasPath("architectures")) {
            throw new SweepFileException("missing key 'sweep.architectures': expected a list of "
                    + String.join(", ", ArchitectureZoo.names()) + " or inline { name, layers } blocks");
        }
        List<? extends ConfigValue> values = sweep.getList("architectures");
        if (values.isEmpty()) {
            throw new SweepFileException("sweep.architectures is empty: expected at least one of "
                    + String.join(", ", ArchitectureZoo.names()));
        }
        List<Architecture> architectures = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String path = "sweep.architectures[" + i + "]";
            ConfigValue value = values.get(i);
            architectures.add(value.valueType() == ConfigValueType.OBJECT
                    ? inline(new ConfigReading(((ConfigObject) value).toConfig(), path), input)
                    : named(value, path));
        }
        return architectures;
    }

    private static Architecture named(ConfigValue value, String path) {
        String name = String.valueOf(value.unwrapped());
        return ArchitectureZoo.byName(name).orElseThrow(() -> new SweepFileException(path + " = '" + name
                + "' is unknown: expected one of " + String.join(", ", ArchitectureZoo.names())
                + ", or an inline { name, layers } block"));
    }

    private static Architecture inline(ConfigReading block, Shape input) {
        block.rejectUnknown(INLINE_KEYS);
        String name = block.required("name");
        if (ArchitectureZoo.byName(name).isPresent() && PAIRING_KEYS.containsAll(block.config().root().keySet())) {
            return ArchitectureZoo.byName(name).orElseThrow();
        }
        if (ArchitectureZoo.byName(name).isPresent()) {
            throw new SweepFileException(block.path() + ": name '" + name
                    + "' is taken by the zoo's architecture; expected another name");
        }
        List<Layer> layers = layers(block);
        Optimizer optimizer = block.config().hasPath("optimizer")
                ? OptimizerBlock.parse(new ConfigReading(block.config().getConfig("optimizer"), block.path() + ".optimizer"))
                : DEFAULT_OPTIMIZER;
        return new Architecture(name, "sweep file", input, layers, optimizer,
                block.positiveInt("epochs", DEFAULT_EPOCHS), block.positiveInt("batch-size", DEFAULT_BATCH_SIZE));
    }

    private static List<Layer> layers(ConfigReading block) {
        if (!block.config().hasPath("layers")) {
            throw new SweepFileException(block.path() + ": missing key 'layers'");
        }
        List<? extends Config> configs = block.config().getConfigList("layers");
        List<Layer> layers = new ArrayList<>();
        for (int j = 0; j < configs.size(); j++) {
            layers.add(layer(new ConfigReading(configs.get(j), block.path() + ".layers[" + j + "]")));
        }
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Layer.Dense)) {
            throw new SweepFileException(block.path() + ".layers: the last layer must be dense (the classifier)");
        }
        return layers;
    }

    private static Layer layer(ConfigReading at) {
        String type = at.required("type");
        Set<String> keys = LAYER_KEYS.get(type);
        if (keys == null) {
            throw new SweepFileException(at.path() + ": type = '" + type + "': expected one of "
                    + String.join(", ", new java.util.TreeSet<>(LAYER_KEYS.keySet())));
        }
        ConfigReading layer = new ConfigReading(at.config(), at.path() + " (" + type + ")");
        layer.rejectUnknown(keys);
        return switch (type) {
            case "dense" -> new Layer.Dense(layer.requiredPositiveInt("units"),
                    layer.choice("activation", Activation.class, Activation.RELU));
            case "conv2d" -> new Layer.Conv2d(layer.requiredPositiveInt("filters"), layer.positiveInt("kernel", 3),
                    layer.choice("padding", Layer.Padding.class, Layer.Padding.VALID),
                    layer.choice("activation", Activation.class, Activation.RELU));
            case "maxpool" -> new Layer.MaxPool(layer.positiveInt("size", 2));
            case "dropout" -> new Layer.Dropout(rate(layer));
            case "batchnorm" -> new Layer.BatchNorm();
            default -> new Layer.Flatten();
        };
    }

    private static double rate(ConfigReading layer) {
        double rate = layer.number("rate", -1);
        if (!(rate > 0 && rate < 1)) {
            throw new SweepFileException(layer.path() + ": rate = " + rate + ": expected the fraction dropped, 0 < rate < 1");
        }
        return rate;
    }
}
