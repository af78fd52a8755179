package io.benchfleet.protocol.architecture;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A network as data: its layers in order (the last one is the classifier), the optimizer its study
 * trained it with, and where it comes from.
 */
public record Architecture(String name, String source, List<Layer> layers, Optimizer optimizer) {

    public Architecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Layer.Dense)) {
            throw new IllegalArgumentException("architecture " + name + " must end with a dense layer");
        }
    }

    /** Trainable parameters for this input; equals the studies' counts for their inputs. */
    public long parameterCount(Shape input) {
        long total = 0;
        Shape shape = input;
        for (Layer layer : layers) {
            total += layer.parameters(shape);
            shape = layer.outputShape(shape);
        }
        return total;
    }

    public boolean hasConvolutions() {
        return layers.stream().anyMatch(l -> l instanceof Layer.Conv2d || l instanceof Layer.MaxPool);
    }

    /** A one-line layer list, e.g. {@code conv2d(32,3,same,relu) > maxpool(2) > dense(10,softmax)}. */
    public String describeLayers() {
        return layers.stream().map(Layer::describe).collect(Collectors.joining(" > "));
    }
}
