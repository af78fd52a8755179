package io.benchfleet.trainer;

import io.benchfleet.dataset.reader.LabelledSamples;
import io.benchfleet.protocol.architecture.Shape;

import java.util.Random;

/** Two linearly separable classes of 4x4 images: class 1 is bright in the top half, class 0 in the bottom. */
final class ToyImages {

    static final Shape SHAPE = new Shape(1, 4, 4);
    private static final int PIXELS = 16;

    private ToyImages() {
    }

    /** @param count samples, alternating class 0 and 1 */
    static LabelledSamples of(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * PIXELS];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 2);
            for (int p = 0; p < PIXELS; p++) {
                boolean bright = (p < PIXELS / 2) == (labels[i] == 1);
                pixels[i * PIXELS + p] = (byte) (bright ? 150 + random.nextInt(100) : random.nextInt(100));
            }
        }
        return new LabelledSamples(pixels, labels, SHAPE, 2);
    }
}
