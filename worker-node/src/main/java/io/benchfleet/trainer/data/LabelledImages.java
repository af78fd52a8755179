package io.benchfleet.trainer.data;

import io.benchfleet.protocol.architecture.Shape;

/**
 * One part of a dataset kept as the published bytes: {@code pixels} holds {@code count} images of
 * {@code shape.size()} bytes each, row-major, and {@code labels} one class byte per image. Bytes,
 * not floats or boxed objects, so even the larger datasets fit a small trainer heap.
 */
public record LabelledImages(byte[] pixels, byte[] labels, Shape shape, int classes) {

    public LabelledImages {
        if (pixels.length != (long) labels.length * shape.size()) {
            throw new IllegalArgumentException(
                    labels.length + " labels do not match " + pixels.length + " pixel bytes of shape " + shape);
        }
    }

    public int count() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index] & 0xff;
    }

    /** The images at these indices, in this order. */
    public LabelledImages select(int[] indices) {
        int size = shape.size();
        byte[] selectedPixels = new byte[indices.length * size];
        byte[] selectedLabels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, selectedPixels, i * size, size);
            selectedLabels[i] = labels[indices[i]];
        }
        return new LabelledImages(selectedPixels, selectedLabels, shape, classes);
    }
}
