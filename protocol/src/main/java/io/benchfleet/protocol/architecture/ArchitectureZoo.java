package io.benchfleet.protocol.architecture;

import io.benchfleet.protocol.architecture.Layer.BatchNorm;
import io.benchfleet.protocol.architecture.Layer.Conv2d;
import io.benchfleet.protocol.architecture.Layer.Dense;
import io.benchfleet.protocol.architecture.Layer.Dropout;
import io.benchfleet.protocol.architecture.Layer.Flatten;
import io.benchfleet.protocol.architecture.Layer.MaxPool;
import io.benchfleet.protocol.architecture.Layer.Padding;
import io.benchfleet.protocol.architecture.Optimizer.Kind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The networks of the four studies the presets reproduce (docs/studies.md), by the short names sweep files use, each with its
 * study's optimizer, epochs and batch size. Where a study leaves a value out, the comment beside
 * it says what was chosen.
 */
public final class ArchitectureZoo {

    private static final String S1 = "S1 (Axon vs Keras, 2022)";
    private static final String S2 = "S2 (Flux vs TensorFlow, 2023)";
    private static final String S3 = "S3 (Julia autodiff vs Keras, 2023)";
    private static final String S4 = "S4 (TF vs PyTorch vs Theano, 2020)";
    private static final Shape GREY_28 = new Shape(1, 28, 28);
    private static final Shape RGB_32 = new Shape(3, 32, 32);
    private static final Shape LETTER = Shape.flat(16);
    private static final Activation RELU = Activation.RELU;
    private static final Activation SOFTMAX = Activation.SOFTMAX;
    /** Keras' Adam default, which S1 and S2 used. */
    private static final Optimizer ADAM = Optimizer.of(Kind.ADAM, 0.001);

    private static final List<Architecture> ALL = List.of(
            // S1 names no batch size or epochs for its Keras side: Keras' fit default batch 32, and 10 epochs.
            new Architecture("s1-mnist-mlp", S1, GREY_28, List.of(
                    new Flatten(), new Dense(128, RELU), new Dropout(0.5), new Dense(10, SOFTMAX)), ADAM, 10, 32),
            new Architecture("s1-cifar10-cnn", S1, RGB_32, List.of(
                    conv(32, Padding.VALID), new BatchNorm(), new MaxPool(2),
                    conv(64, Padding.VALID), new BatchNorm(), new MaxPool(2),
                    new Flatten(), new Dense(64, RELU), new Dropout(0.5), new Dense(10, SOFTMAX)), ADAM, 10, 32),
            new Architecture("mlp-small", S2, GREY_28, List.of(
                    new Flatten(), new Dense(128, RELU), new Dense(10, SOFTMAX)), ADAM, 10, 128),
            new Architecture("cnn-medium", S2, GREY_28, List.of(
                    conv(32, Padding.SAME), new MaxPool(2),
                    conv(64, Padding.SAME), new MaxPool(2),
                    new Flatten(), new Dense(64, RELU), new Dense(10, SOFTMAX)), ADAM, 10, 128),
            new Architecture("cnn-big", S2, GREY_28, List.of(
                    conv(64, Padding.SAME), new MaxPool(2),
                    conv(128, Padding.SAME), new MaxPool(2),
                    conv(256, Padding.SAME), new MaxPool(2),
                    new Flatten(), new Dense(512, RELU), new Dense(256, RELU), new Dense(10, SOFTMAX)), ADAM, 10, 128),
            // S3 gives no widths, learning rate, epochs or batch: Conv 32 3x3 and Dense 64 (our choice, as docs/studies.md says),
            // Keras' SGD default rate 0.01, 10 epochs, batch 32.
            new Architecture("s3-fashion-cnn", S3, GREY_28, List.of(
                    conv(32, Padding.VALID), new Flatten(), new Dense(64, Activation.ELU), new Dense(10, SOFTMAX)),
                    Optimizer.of(Kind.SGD, 0.01), 10, 32),
            // Keras' mnist_cnn example, which S4 ran: Adadelta at Keras' old default rate 1.0.
            new Architecture("s4-mnist-cnn", S4, GREY_28, List.of(
                    conv(32, Padding.VALID), conv(64, Padding.VALID), new MaxPool(2), new Dropout(0.25),
                    new Flatten(), new Dense(128, RELU), new Dropout(0.5), new Dense(10, SOFTMAX)),
                    Optimizer.of(Kind.ADADELTA, 1.0), 12, 128),
            new Architecture("s4-cifar10-cnn", S4, RGB_32, s4CifarLayers(10),
                    new Optimizer(Kind.RMSPROP, 1e-4, 1e-6, 0, false), 12, 128),
            new Architecture("s4-cifar100-cnn", S4, RGB_32, s4CifarLayers(100),
                    new Optimizer(Kind.SGD, 0.01, 1e-6, 0.9, true), 12, 128),
            // S4 gives no activations or dropout rate for the letter MLP: relu and 0.2.
            new Architecture("s4-letter-mlp", S4, LETTER, List.of(
                    new Dense(50, RELU), new Dropout(0.2), new Dense(22, RELU), new Dropout(0.2), new Dense(26, SOFTMAX)),
                    new Optimizer(Kind.SGD, 0.001, 1e-7, 0, false), 300, 128));

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

    private static List<Layer> s4CifarLayers(int classes) {
        return List.of(
                conv(32, Padding.SAME), conv(32, Padding.VALID), new MaxPool(2), new Dropout(0.25),
                conv(64, Padding.SAME), conv(64, Padding.VALID), new MaxPool(2), new Dropout(0.25),
                new Flatten(), new Dense(512, RELU), new Dropout(0.5), new Dense(classes, SOFTMAX));
    }

    private static Conv2d conv(int filters, Padding padding) {
        return new Conv2d(filters, 3, padding, RELU);
    }
}
