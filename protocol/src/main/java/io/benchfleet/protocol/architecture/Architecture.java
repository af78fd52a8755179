package io.benchfleet.protocol.architecture;

import java.util.List;
import java.util.Optional;
import java.util.function.ToLongBiFunction;
import java.util.stream.Collectors;

/**
 * A network as data: its layers in order (the last one is the classifier) and how its study
 * trained it. It can be built for any input; {@code input} is the one its study used, for which
 * its parameter count is quoted.
 *
 * @param epochs    the study's epochs, used unless the sweep's training block says otherwise
 * @param batchSize the study's minibatch size, likewise
 */
public record Architecture(String name, String source, Shape input, List<Layer> layers, Optimizer optimizer,
                           int epochs, int batchSize) {

    public Architecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Layer.Dense)) {
            throw new IllegalArgumentException("architecture " + name + " must end with a dense layer (the classifier)");
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("architecture " + name + ": epochs and batch size must be >= 1");
        }
    }

    /** Trainable parameters for this input; equals the studies' trainable counts for their inputs. */
    public long parameterCount(Shape in) {
        return sumOverLayers(in, Layer::parameters);
    }

    /** Trainable parameters plus kept statistics (BatchNorm's moving mean and variance): Keras' "Total params". */
    public long totalCount(Shape in) {
        return sumOverLayers(in, Layer::parameters) + sumOverLayers(in, Layer::statistics);
    }

    /** Multiply-accumulates of one sample's forward pass for this input (a training step does about 3x). */
    public long multiplyAccumulates(Shape in) {
        return sumOverLayers(in, Layer::multiplyAccumulates);
    }

    /** The classes the classifier predicts. */
    public int classes() {
        return ((Layer.Dense) layers.get(layers.size() - 1)).units();
    }

    private long sumOverLayers(Shape in, ToLongBiFunction<Layer, Shape> count) {
        long total = 0;
        Shape shape = in;
        for (Layer layer : layers) {
            total += count.applyAsLong(layer, shape);
            shape = layer.outputShape(shape);
        }
        return total;
    }

    /**
     * Why this network cannot train on inputs of that shape with that many classes, if it cannot:
     * a classifier of another width, an image layer on a feature vector, or an image shrunk to nothing.
     */
    public Optional<String> incompatibility(Shape in, int datasetClasses) {
        if (classes() != datasetClasses) {
            return Optional.of("its classifier predicts " + classes() + " classes, the dataset has " + datasetClasses);
        }
        Shape shape = in;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            boolean imageLayer = layer instanceof Layer.Conv2d || layer instanceof Layer.MaxPool;
            if (imageLayer && !shape.isImage()) {
                return Optional.of("layer " + i + " " + layer.describe() + " needs an image, but gets "
                        + shape.size() + " features");
            }
            shape = layer.outputShape(shape);
            if (shape.height() < 1 || shape.width() < 1) {
                return Optional.of("layer " + i + " " + layer.describe() + " shrinks the " + in.height() + "x"
                        + in.width() + " input to nothing");
            }
        }
        return Optional.empty();
    }

    public boolean hasConvolutions() {
        return layers.stream().anyMatch(l -> l instanceof Layer.Conv2d || l instanceof Layer.MaxPool);
    }

    /** A one-line layer list, e.g. {@code conv2d(32,3,same,relu) > maxpool(2) > dense(10,softmax)}. */
    public String describeLayers() {
        return layers.stream().map(Layer::describe).collect(Collectors.joining(" > "));
    }
}
