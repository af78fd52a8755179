package io.benchfleet.protocol.architecture;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One layer of an architecture, as the studies' model tables write it. Each knows the shape it
 * produces and its number of trainable parameters, so parameter counts come from the layer list.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Layer.Dense.class, name = "dense"),
        @JsonSubTypes.Type(value = Layer.Conv2d.class, name = "conv2d"),
        @JsonSubTypes.Type(value = Layer.MaxPool.class, name = "maxpool"),
        @JsonSubTypes.Type(value = Layer.Flatten.class, name = "flatten"),
        @JsonSubTypes.Type(value = Layer.Dropout.class, name = "dropout"),
        @JsonSubTypes.Type(value = Layer.BatchNorm.class, name = "batchnorm")})
public sealed interface Layer {

    Shape outputShape(Shape input);

    /** Parameters the optimizer trains. */
    long parameters(Shape input);

    /** Parameters kept but not trained (BatchNorm's running statistics); Keras counts them in its total. */
    default long statistics(Shape input) {
        return 0;
    }

    /** Multiply-accumulates of one sample's forward pass: the arithmetic that threads can share. */
    default long multiplyAccumulates(Shape input) {
        return 0;
    }

    /** How the layer reads in a layer list, e.g. {@code conv2d(32,3,same,relu)}. */
    String describe();

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Fully connected; on an image input it sees the flattened image, as Keras' Flatten+Dense does. */
    record Dense(int units, Activation activation) implements Layer {
        @Override
        public String describe() {
            return "dense(" + units + "," + Layer.lower(activation) + ")";
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.flat(units);
        }

        @Override
        public long parameters(Shape input) {
            return (long) input.size() * units + units;
        }

        @Override
        public long multiplyAccumulates(Shape input) {
            return (long) input.size() * units;
        }
    }

    /** Square 2-D convolution with stride 1. */
    record Conv2d(int filters, int kernel, Padding padding, Activation activation) implements Layer {
        @Override
        public String describe() {
            return "conv2d(" + filters + "," + kernel + "," + Layer.lower(padding) + "," + Layer.lower(activation) + ")";
        }

        @Override
        public Shape outputShape(Shape input) {
            return padding == Padding.SAME
                    ? new Shape(filters, input.height(), input.width())
                    : new Shape(filters, input.height() - kernel + 1, input.width() - kernel + 1);
        }

        @Override
        public long parameters(Shape input) {
            return (long) kernel * kernel * input.channels() * filters + filters;
        }

        @Override
        public long multiplyAccumulates(Shape input) {
            Shape output = outputShape(input);
            return (long) output.height() * output.width() * filters * kernel * kernel * input.channels();
        }
    }

    /** Non-overlapping max pooling (stride = size); a remainder row or column is dropped, as in Keras. */
    record MaxPool(int size) implements Layer {
        @Override
        public String describe() {
            return "maxpool(" + size + ")";
        }

        @Override
        public Shape outputShape(Shape input) {
            return new Shape(input.channels(), input.height() / size, input.width() / size);
        }

        @Override
        public long parameters(Shape input) {
            return 0;
        }
    }

    record Flatten() implements Layer {
        @Override
        public String describe() {
            return "flatten";
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.flat(input.size());
        }

        @Override
        public long parameters(Shape input) {
            return 0;
        }
    }

    /** @param rate the fraction of units dropped, as Keras counts it (not DL4J's retain probability) */
    record Dropout(double rate) implements Layer {
        @Override
        public String describe() {
            return "dropout(" + rate + ")";
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public long parameters(Shape input) {
            return 0;
        }
    }

    /** Batch normalisation over channels (images) or units (vectors), as Keras' BatchNormalization. */
    record BatchNorm() implements Layer {
        @Override
        public String describe() {
            return "batchnorm";
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        /** Scale and shift per channel. */
        @Override
        public long parameters(Shape input) {
            return 2L * input.channels();
        }

        /** Moving mean and variance per channel. */
        @Override
        public long statistics(Shape input) {
            return 2L * input.channels();
        }
    }

    enum Padding { SAME, VALID }
}
