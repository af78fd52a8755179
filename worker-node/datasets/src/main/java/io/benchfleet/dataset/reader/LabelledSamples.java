package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;

/**
 * Samples of a dataset kept as the published bytes: {@code features} holds {@code count} samples of
 * {@code shape.size()} bytes each (an image's pixels, channel-major as CIFAR publishes them, or
 * letter's 16 integer features), and {@code labels} one class byte per sample. Bytes, not floats or
 * boxed objects: the whole of CIFAR-100 is 184 MB this way, so it fits a small trainer heap.
 */
public record LabelledSamples(byte[] features, byte[] labels, Shape shape, int classes) {

    public LabelledSamples {
        if (features.length != (long) labels.length * shape.size()) {
            throw new IllegalArgumentException(
                    labels.length + " labels do not match " + features.length + " feature bytes of shape " + shape);
        }
    }

    public int count() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index] & 0xff;
    }

    /** The samples at these indices, in this order. */
    public LabelledSamples select(int[] indices) {
        int size = shape.size();
        byte[] selectedFeatures = new byte[Math.multiplyExact(indices.length, size)];
        byte[] selectedLabels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * size, selectedFeatures, i * size, size);
            selectedLabels[i] = labels[indices[i]];
        }
        return new LabelledSamples(selectedFeatures, selectedLabels, shape, classes);
    }

    /** The rows of {@code from} (inclusive) to {@code to} (exclusive), in file order. */
    public LabelledSamples rows(int from, int to) {
        int size = shape.size();
        byte[] rowFeatures = java.util.Arrays.copyOfRange(features, from * size, to * size);
        return new LabelledSamples(rowFeatures, java.util.Arrays.copyOfRange(labels, from, to), shape, classes);
    }

    /** These samples followed by the other's: the merged data that hold-out and k-fold splits divide. */
    public LabelledSamples concat(LabelledSamples other) {
        byte[] mergedFeatures = new byte[Math.addExact(features.length, other.features.length)];
        System.arraycopy(features, 0, mergedFeatures, 0, features.length);
        System.arraycopy(other.features, 0, mergedFeatures, features.length, other.features.length);
        byte[] mergedLabels = new byte[labels.length + other.labels.length];
        System.arraycopy(labels, 0, mergedLabels, 0, labels.length);
        System.arraycopy(other.labels, 0, mergedLabels, labels.length, other.labels.length);
        return new LabelledSamples(mergedFeatures, mergedLabels, shape, classes);
    }
}
