package io.benchfleet.protocol.architecture;

/**
 * The shape of the activations between two layers: an image of {@code channels x height x width},
 * or a flat vector (height = width = 1).
 */
public record Shape(int channels, int height, int width) {

    public static Shape flat(int size) {
        return new Shape(size, 1, 1);
    }

    public int size() {
        return channels * height * width;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isImage() {
        return height > 1 || width > 1;
    }
}
