package io.benchfleet.protocol.architecture;

/**
 * One layer of an architecture, as the studies' model tables write it. Each knows the shape it
 * produces and its number of trainable parameters, so parameter counts come from the layer list.
 */
public sealed interface Layer {

    Shape outputShape(Shape input);

    long parameters(Shape input);

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

    enum Padding { SAME, VALID }
}
